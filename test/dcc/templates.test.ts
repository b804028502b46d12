// Issue 9 point 3: every DUIS template (297, ../shared/conformance/duis-templates-4.9.1) prepared
// as a real User would (re-signed with the originator's DS key, a fresh counter, dates moved into
// the run's time) goes through the DCC service holding the reference estate. Critical requests
// go transform -> User signs the pre-command -> send (dcc.md 6). Each outcome is classed:
//   matching-reference       transformed; equals a reference COMMAND / PRECOMMAND of the RTDS
//                            folder except invoke id, counters, date-times and signatures
//   differs-from-reference   transformed, but no file of the folder has that shape
//   transformed-no-reference transformed; the pair has no RTDS folder (dcc.md 4 notes)
//   non-device-handled       CV 8 request answered with I0 / I99
//   not-supported            EX-NOT-SUPPORTED (listed)
//   rejected                 anything else (a bug in the estate or the layer; must stay 0)
// The floors below may only rise; the ceilings (differs, not supported) only fall.

import { describe, expect, it } from 'vitest';
import { templateNames } from './fixture.js';
import { walkTemplate, type TemplateClass, type TemplateOutcome } from './template-walk.js';

const CEILING = { 'differs-from-reference': 0, 'not-supported': 4 } as const;

const FLOOR: Record<TemplateClass, number> = {
  'matching-reference': 227,
  'differs-from-reference': 0,
  'transformed-no-reference': 51,
  'non-device-handled': 15,
  'not-supported': 0,
  rejected: 0,
};

describe('DUIS templates through the DCC service', () => {
  it('classes all 297 templates; no template is rejected; floors hold', () => {
    const outcomes: TemplateOutcome[] = templateNames().map((name, i) => walkTemplate(name, 5_000_000n + BigInt(i)));
    const counts = Object.fromEntries(Object.keys(FLOOR).map((k) => [k, outcomes.filter((o) => o.cls === k).length])) as Record<TemplateClass, number>;
    console.log('template classes:', JSON.stringify(counts));
    for (const o of outcomes) if (o.cls !== 'not-supported' && o.cls !== 'matching-reference' && o.cls !== 'non-device-handled') console.log(`  ${o.cls.padEnd(24)} ${o.name} ${o.detail}`);
    console.log('not supported:', outcomes.filter((o) => o.cls === 'not-supported').map((o) => `${o.srv}/${o.tag || '-'}`).join(' '));
    expect(outcomes).toHaveLength(297);
    expect(counts.rejected).toBe(0);
    expect(counts['matching-reference']).toBeGreaterThanOrEqual(FLOOR['matching-reference']);
    expect(counts['non-device-handled']).toBeGreaterThanOrEqual(FLOOR['non-device-handled']);
    expect(counts['matching-reference'] + counts['transformed-no-reference']).toBeGreaterThanOrEqual(FLOOR['matching-reference'] + FLOOR['transformed-no-reference']);
    expect(counts['differs-from-reference']).toBeLessThanOrEqual(CEILING['differs-from-reference']);
    expect(counts['not-supported']).toBeLessThanOrEqual(CEILING['not-supported']);
  });
});
