// The firmware's generated tables (assembly/generated/) are rendered from gbcs/tables/; this test
// renders them again and fails when the committed files drift (STYLE.md "Table-driven").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEsmeActivations, renderEsmeObjects, renderUseCases } from '../../scripts/firmware-tables.js';
import { ESME_HANDLERS, ESME_OBJECTS } from '../../gbcs/tables/esme-objects.js';

const generated = (name: string) => readFileSync(new URL(`../../assembly/generated/${name}`, import.meta.url), 'utf8');
const hint = 'run: npx tsx scripts/generate-firmware-tables.ts';

describe('generated firmware tables', () => {
  it(`esme-objects.ts matches gbcs/tables/esme-objects.ts (${hint})`, () => {
    expect(generated('esme-objects.ts')).toBe(renderEsmeObjects());
  });

  it(`use-cases.ts matches gbcs/tables/message-codes.ts (${hint})`, () => {
    expect(generated('use-cases.ts')).toBe(renderUseCases());
  });

  it(`esme-activations.ts matches gbcs/tables/esme-activations.ts (${hint})`, () => {
    expect(generated('esme-activations.ts')).toBe(renderEsmeActivations());
  });

  it('no COSEM attribute or method is listed twice', () => {
    const keys = ESME_OBJECTS.map((o) => `${o.classId}/${o.obis}/${o.member}/${(o.access as readonly string[]).includes('action') ? 'm' : 'a'}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every handler the firmware knows is used by some object', () => {
    for (const handler of ESME_HANDLERS) expect(ESME_OBJECTS.some((o) => o.handler === handler), handler).toBe(true);
  });
});
