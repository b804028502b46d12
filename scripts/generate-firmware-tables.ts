// Generates assembly/generated/*.ts from the TypeScript tables in gbcs/tables/ (STYLE.md
// "Table-driven protocol constants"). Run: npx tsx scripts/generate-firmware-tables.ts
// The output is committed; test/unit/generated-tables.test.ts regenerates it and compares.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderChfObjects, renderEsmeActivations, renderEsmeObjects, renderSapcObjects, renderUseCases } from './firmware-tables.js';

const out = fileURLToPath(new URL('../assembly/generated/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}esme-objects.ts`, renderEsmeObjects());
writeFileSync(`${out}use-cases.ts`, renderUseCases());
writeFileSync(`${out}esme-activations.ts`, renderEsmeActivations());
writeFileSync(`${out}chf-objects.ts`, renderChfObjects());
writeFileSync(`${out}sapc-objects.ts`, renderSapcObjects());
console.log(`wrote esme-objects.ts, use-cases.ts, esme-activations.ts, chf-objects.ts, sapc-objects.ts in ${out}`);
