// Firmware distribution over the premises HAN (issue 6 point 2, devices 9 steps 1-5): the hub
// stores an image for the ESME and the GSME; the ESME pulls it block by block at once, the sleepy
// GSME a few blocks per wake; each verifies it (0x8F72: FDRA-DLMS 0x00CE, FDRA-ZigBee 0x00CF) and
// the hub reports each transfer with CCS08 0x8F8A. Blocks lost on a lossy HAN are asked for again.
// A scenario's firmwareUpdates run it all and the supplier's CS06 activates the image.
import { describe, expect, it } from 'vitest';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { buildFirmwareImage } from '../../host/firmware-image.js';
import { hanBlock } from '../../host/firmware-inputs.js';
import { runPremises } from '../../host/premises.js';
import { validateScenario } from '../../host/scenario/validate.js';
import { CHANNEL, Status } from '../../host/status.js';
import { FIRMWARE_BLOCK_BYTES, GSME_WAKE_BLOCKS_MAX, distributeFirmware } from '../../host/world/firmware-distribution.js';
import { WORLD_NOTE } from '../../host/world/premises-stats.js';
import { HOUR_MS, MINUTE_MS } from '../../host/world/uk-time.js';
import { worldContext } from '../../host/world/world-context.js';
import { WorldRun } from '../../host/world/world-run.js';

const provider = createNodeProvider();
const scenario = (lossPerMille: number) => validateScenario({
  format: 'smartmeter-scenario', version: 1, start: '2026-01-05T00:00:00Z', days: 1,
  premises: [{ devices: ['ESME', 'CHF', 'GPF', 'GSME', 'PPMID'], reads: [], han: { lossPerMille } }],
  wan: { latency: { minMs: 0, medianMs: 0, p99Ms: 0, maxMs: 0 } },
});
const BODY_BYTES = 2_000;

function run(seed: bigint, lossPerMille = 0) {
  const ctx = worldContext(scenario(lossPerMille), seed, provider, 'release', 1);
  const world = WorldRun.start(ctx, 0, 1, true);
  const p = world.premises[0]!;
  const image = buildFirmwareImage(provider, { manufacturer: 0x121d, imageType: 0, fileVersion: 0x02000105, body: new Uint8Array(BODY_BYTES).fill(0xa5) }, ctx.keys);
  const startMs = ctx.startMs + HOUR_MS;
  world.runUntil(startMs, undefined, HOUR_MS);
  const status = distributeFirmware(p, startMs, image.bytes, [p.roles.esme, p.roles.gsme]);
  const results = world.finish();
  const emitted = world.capturedEvents()[0]!.filter((e) => e.kind === 'emit' && e.channel === CHANNEL.WAN)
    .map((e) => ({ atMs: e.atMs, deviceId: e.deviceId, env: parseEnvelope(e.bytes) }));
  const byCode = (code: number) => emitted.filter((m) => m.env.otherInfo.messageCode === code);
  return { p, image, startMs, status, results, byCode, events: world.capturedEvents()[0]! };
}

describe('firmware distribution through the hub over the HAN', () => {
  it('the ESME gets the image at once, the GSME over several wakes; both verify it; the hub reports both transfers (CCS08)', () => {
    const r = run(5n);
    expect(r.status).toBe(Status.OK);
    const esme = r.p.euis[r.p.roles.esme]!;
    const gsme = r.p.euis[r.p.roles.gsme]!;
    const esmeReceipt = r.byCode(0x00ce);
    const gsmeReceipt = r.byCode(0x00cf);
    expect(esmeReceipt.map((m) => m.deviceId)).toEqual([esme]);
    expect(gsmeReceipt.map((m) => m.deviceId)).toEqual([gsme]);
    expect(Buffer.from(gsmeReceipt[0]!.env.content).toString('hex').toUpperCase().endsWith(Buffer.from(r.image.hash).toString('hex').toUpperCase())).toBe(true);
    // Mains powered: back to back over its HAN link, well within a minute.
    expect(esmeReceipt[0]!.atMs - r.startMs).toBeLessThan(MINUTE_MS);
    // Sleepy: at most GSME_WAKE_BLOCKS_MAX blocks per 30-minute wake.
    const blocks = Math.ceil(r.image.bytes.length / FIRMWARE_BLOCK_BYTES);
    const wakesNeeded = Math.ceil(blocks / GSME_WAKE_BLOCKS_MAX);
    expect(wakesNeeded).toBeGreaterThan(1);
    expect(gsmeReceipt[0]!.atMs - r.startMs).toBeGreaterThan((wakesNeeded - 1) * 30 * MINUTE_MS - 30 * MINUTE_MS);
    expect(gsmeReceipt[0]!.atMs - r.startMs).toBeLessThanOrEqual(wakesNeeded * 30 * MINUTE_MS + MINUTE_MS);
    const transfers = r.byCode(0x0128);
    expect(transfers).toHaveLength(2);
    expect(transfers.map((m) => Buffer.from(m.env.content).toString('hex').toUpperCase().match(/0408([0-9A-F]{16})/)![1])).toEqual([esme, gsme]);
    for (const m of transfers) expect(Buffer.from(m.env.content).toString('hex').toUpperCase()).toMatch(/^30..0203008F8A/);
    expect(r.p.s.han.firmware).toEqual([]);
  });

  it('on a lossy HAN lost blocks are asked for again and both transfers still complete; same seed, same trace', () => {
    const a = run(8n, 600);
    const b = run(8n, 600);
    expect(a.events.filter((e) => e.kind === 'world' && e.channel === WORLD_NOTE.hanLost && hanBlock(e.bytes) !== undefined).length).toBeGreaterThan(0); // firmware blocks among the lost frames
    expect(a.byCode(0x00ce)).toHaveLength(1);
    expect(a.byCode(0x00cf)).toHaveLength(1);
    expect(a.byCode(0x0128)).toHaveLength(2);
    expect(a.results[0]!.traceHash).toBe(b.results[0]!.traceHash);
  });

  it('an image for a device the hub does not log is refused at the hub: no transfer starts', () => {
    const ctx = worldContext(scenario(0), 5n, provider, 'release', 1);
    const world = WorldRun.start(ctx, 0, 1);
    const p = world.premises[0]!;
    const image = buildFirmwareImage(provider, { manufacturer: 0x121d, imageType: 0, fileVersion: 1, body: new Uint8Array(100) }, ctx.keys);
    expect(distributeFirmware(p, ctx.startMs, image.bytes, [p.roles.gpf])).toBe(Status.NOT_IN_DEVICE_LOG);
    expect(p.s.han.firmware).toEqual([]);
  });
});

describe('scenario firmwareUpdates', () => {
  const withUpdate = (update: object, devices = ['ESME', 'CHF', 'GPF', 'GSME', 'PPMID']) => ({
    format: 'smartmeter-scenario', version: 1, start: '2026-01-05T00:00:00Z', days: 1,
    premises: [{ devices, reads: [], han: { lossPerMille: 0 }, firmwareUpdates: [update] }],
    wan: { latency: { minMs: 0, medianMs: 0, p99Ms: 0, maxMs: 0 } },
  });

  it('the image reaches both meters, the supplier activates it (CS06 answered 0 by each, the GSME after its wake) and each reports 0x8F43', () => {
    const r = runPremises({ seed: 4n, capture: true, scenario: validateScenario(withUpdate({ at: '2026-01-05T01:00:00Z', targets: ['ESME', 'GSME'], fileVersion: '02000105', imageBytes: 1500, activateAfterHours: 6 })) });
    expect(r.useCases.CS06).toEqual({ sent: 2, answered: 2, refused: 0, matching: 0 });
    const emitted = r.events![0]!.filter((e) => e.kind === 'emit' && e.channel === CHANNEL.WAN).map((e) => ({ atMs: e.atMs, env: parseEnvelope(e.bytes) }));
    const changed = emitted.filter((m) => m.env.otherInfo.messageCode === 0x1000 && Buffer.from(m.env.content).toString('hex').toUpperCase().includes('8F43'));
    expect(changed).toHaveLength(2);
    const activationMs = Date.parse('2026-01-05T07:00:00Z');
    for (const m of changed) expect(m.atMs).toBeGreaterThanOrEqual(activationMs);
    expect(emitted.filter((m) => m.env.otherInfo.messageCode === 0x00ce || m.env.otherInfo.messageCode === 0x00cf)).toHaveLength(2);
  });

  it('is checked: a target the premises lacks, a bad version, an image beyond the hub slot, no hub', () => {
    expect(() => validateScenario(withUpdate({ at: '2026-01-05T01:00:00Z', targets: ['GSME'], fileVersion: '02000105', imageBytes: 100 }, ['ESME', 'CHF']))).toThrow(/targets\[0\]: the premises has no GSME/);
    expect(() => validateScenario(withUpdate({ at: '2026-01-05T01:00:00Z', targets: ['ESME'], fileVersion: '2.0', imageBytes: 100 }))).toThrow(/fileVersion: expected 8 hex digits/);
    expect(() => validateScenario(withUpdate({ at: '2026-01-05T01:00:00Z', targets: ['ESME'], fileVersion: '02000105', imageBytes: 5000 }))).toThrow(/imageBytes/);
    expect(() => validateScenario(withUpdate({ at: '2026-01-05T01:00:00Z', targets: ['ESME'], fileVersion: '02000105', imageBytes: 100 }, ['ESME']))).toThrow(/needs a CHF/);
  });
});
