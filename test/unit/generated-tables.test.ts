// The firmware's generated tables (assembly/generated/) are rendered from gbcs/tables/; this test
// renders them again and fails when the committed files drift (STYLE.md "Table-driven").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderChfObjects, renderEsmeActivations, renderEsmeObjects, renderSapcObjects, renderUseCases } from '../../scripts/firmware-tables.js';
import { CHF_HANDLERS, CHF_OBJECTS } from '../../gbcs/tables/chf-objects.js';
import { SAPC_OBJECTS } from '../../gbcs/tables/sapc-objects.js';
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

  it(`chf-objects.ts matches gbcs/tables/chf-objects.ts (${hint})`, () => {
    expect(generated('chf-objects.ts')).toBe(renderChfObjects());
  });

  it(`sapc-objects.ts matches gbcs/tables/sapc-objects.ts (${hint})`, () => {
    expect(generated('sapc-objects.ts')).toBe(renderSapcObjects());
  });

  it('no CHF or SAPC attribute or method is listed twice, and every CHF handler is used', () => {
    for (const rows of [CHF_OBJECTS, SAPC_OBJECTS]) {
      const keys = rows.map((o) => `${o.classId}/${o.obis}/${o.member}/${(o.access as readonly string[]).includes('action') ? 'm' : 'a'}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    for (const handler of CHF_HANDLERS) expect(CHF_OBJECTS.some((o) => o.handler === handler), handler).toBe(true);
  });

  it('no COSEM attribute or method is listed twice', () => {
    const keys = ESME_OBJECTS.map((o) => `${o.classId}/${o.obis}/${o.member}/${(o.access as readonly string[]).includes('action') ? 'm' : 'a'}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every handler the firmware knows is used by some object', () => {
    for (const handler of ESME_HANDLERS) expect(ESME_OBJECTS.some((o) => o.handler === handler), handler).toBe(true);
  });
});
