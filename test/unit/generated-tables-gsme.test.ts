// The GSME's generated command table (assembly/generated/gsme-commands.ts) is rendered from
// gbcs/tables/gsme-commands.ts and the ZCL layouts of gbcs/payload/zcl-commands.ts; this test
// renders it again and fails when the committed file drifts (STYLE.md "Table-driven").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderGsmeCommands } from '../../scripts/firmware-tables-gsme.js';
import { zclCommandRow } from '../../gbcs/payload/zcl-commands.js';
import { GSME_COMMANDS } from '../../gbcs/tables/gsme-commands.js';

describe('generated GSME tables', () => {
  it('gsme-commands.ts matches gbcs/tables/gsme-commands.ts (run: npx tsx scripts/generate-gsme-tables.ts)', () => {
    expect(readFileSync(new URL('../../assembly/generated/gsme-commands.ts', import.meta.url), 'utf8')).toBe(renderGsmeCommands());
  });

  it('every GSME command row names a ZCL command with a layout, once', () => {
    const keys = GSME_COMMANDS.map((r) => `${r.clusterId}/${r.direction}/${r.commandId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of GSME_COMMANDS) expect(zclCommandRow(r.clusterId, r.direction, r.commandId)?.fields, keys.join()).toBeDefined();
  });
});
