// Generates assembly/generated/gsme-commands.ts from gbcs/tables/gsme-commands.ts (STYLE.md
// "Table-driven protocol constants"; kept apart from generate-firmware-tables.ts so device types
// regenerate independently). Run: npx tsx scripts/generate-gsme-tables.ts
// The output is committed; test/unit/generated-tables-gsme.test.ts regenerates it and compares.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderGsmeCommands } from './firmware-tables-gsme.js';

const out = fileURLToPath(new URL('../assembly/generated/gsme-commands.ts', import.meta.url));
writeFileSync(out, renderGsmeCommands());
console.log(`wrote ${out}`);
