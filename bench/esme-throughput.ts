// Benchmark (issue 5 point 6): ESME command throughput per core, end to end — the head-end
// builds the command with gbcs/ (MAC, and signature for a critical one), the firmware checks and
// executes it and builds its MACed / signed response, and the head-end decodes and verifies the
// response (decrypting ECS17b's protected block) — for a plain register read (ECS17a), an
// encrypted read (ECS17b) and a signed tariff update (ECS01b, critical); and the firmware alone
// with crypto excluded (a secure element that returns constant MACs; commands prebuilt).
// Benchmarks may read the wall clock (ARCHITECTURE.md); nothing asserts on it.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { encodeGeneralSigning, wrapGeneralCiphering, u64ToBytes, type GbcsEnvelope } from '../gbcs/envelope.js';
import { ECS17A_MESSAGE_CODE, ecs17aContent, invokeIdBytes } from '../host/head-end.js';
import { NETWORK_OPERATOR_EUI, SUPPLIER_EUI } from '../host/premises.js';
import { Status } from '../host/status.js';
import { Firmware } from '../host/firmware.js';
import { SecureElement, type DeviceKeyring } from '../host/secure-element.js';
import { provisioningRecord } from '../host/provisioning.js';
import { DEVICE_TYPES } from '../host/status.js';
import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import { consumption, createEsmeWorld, esmeEui, PARTIES } from '../test/helpers/esme-fixture.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);

function rate(run: (i: number) => void): number {
  for (let i = 0; i < 200; i++) run(i); // warm-up
  let n = 0;
  const start = performance.now(); // wall-clock ok: benchmark timer
  let elapsed = 0;
  while (elapsed < SECONDS * 1000) {
    for (let k = 0; k < 100; k++) run(200 + n++);
    elapsed = performance.now() - start; // wall-clock ok: benchmark timer
  }
  return Math.round(n / (elapsed / 1000));
}

function endToEnd(build: 'release' | 'debug' = 'release') {
  const world = createEsmeWorld({ build });
  world.firmware.deliverMessage(0, 'LOCAL', consumption(1000, 2000, 30, 40), world.nowMs);
  let clock = world.nowMs;
  const roundTrip = (originator: string, code: number, content: (c: bigint) => Uint8Array) => {
    const command = world.headEnd.buildCommand(originator, esmeEui(0), code, content);
    clock += 1000;
    if (world.firmware.deliverMessage(0, 'WAN', command.bytes, clock) !== Status.OK) throw new Error('command refused');
    for (const message of world.firmware.drainOutbox()) world.headEnd.open(message.bytes);
  };
  const protection = (c: bigint) => [0x01, 0x01, 0x02, 0x02, 0x16, 0x02, 0x02, 0x05, 0x09, 0x09, 0x04, ...u64ToBytes(c),
    0x09, 0x08, ...Buffer.from(SUPPLIER_EUI, 'hex'), 0x09, 0x08, ...Buffer.from(esmeEui(0), 'hex'), 0x09, 0x00,
    0x02, 0x02, 0x16, 0x02, 0x02, 0x02, 0x09, 0x01, 0x02, 0x09, 0x00];
  const ecs17b = (c: bigint) => Uint8Array.from([0xd9, ...invokeIdBytes(c), 0x00, 1, 0x03, 0x00, 0x1e, 0x00, 0x00, 0x2b, 0x02, 0x08, 0xff, 0x01,
    1, 0x02, 0x02, 0x01, 0x01, 0x02, 0x05, 0x12, 0x00, 0x01, 0x09, 0x06, 0x00, 0x00, 0x5e, 0x2c, 0x22, 0x0a, 0x0f, 0x02, 0x12, 0x00, 0x00,
    0x02, 0x02, 0x16, 0x00, 0x00, ...protection(c)]);
  const standingCharge = [0x00, 0x00, 0x13, 0x14, 0x04, 0xff];
  const ecs01b = (c: bigint) => Uint8Array.from([0xd9, ...invokeIdBytes(c), 0x00, 2,
    0x02, 0x00, 0x71, ...standingCharge, 6, 0x02, 0x00, 0x71, ...standingCharge, 7,
    2, 0x02, 0x03, 0x02, 0x02, 0x0f, 0x00, 0x0f, 0xfb, 0x02, 0x03, 0x12, 0x00, 0x00, 0x09, 0x06, 0, 0, 0, 0, 0, 0, 0x0f, 0x00,
    0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x00, 0x10, 0x4e, 0x20, 0x09, 12, ...Array(9).fill(0), 0x80, 0x00, 0xff]);
  return {
    'ECS17a read, end to end': rate(() => roundTrip(NETWORK_OPERATOR_EUI, ECS17A_MESSAGE_CODE, ecs17aContent)),
    'ECS17b encrypted read, end to end': rate(() => roundTrip(SUPPLIER_EUI, 0x0027, ecs17b)),
    'ECS01b signed price update, end to end': rate(() => roundTrip(SUPPLIER_EUI, 0x00a2, ecs01b)),
  };
}

/** A secure element that does no crypto: every MAC is zero, so prebuilt zero-MAC commands verify. */
class NoCryptoKeyring implements DeviceKeyring {
  sharedSecret(): Uint8Array { return new Uint8Array(32); }
  sign(): Uint8Array { return new Uint8Array(64); }
  verify(): boolean { return true; }
}
function noCryptoProvider(): CryptoProvider {
  const real = createNodeProvider();
  return { ...real, name: 'node', sha256Parts: () => new Uint8Array(32), gmac: (_k, _iv, _a, tagBytes) => new Uint8Array(tagBytes) };
}

function firmwareAlone() {
  const secureElement = new SecureElement(noCryptoProvider());
  const firmware = new Firmware(secureElement, 'release');
  secureElement.attach(0, new NoCryptoKeyring());
  firmware.createDevice(0, DEVICE_TYPES.ESME, Date.UTC(2026, 0, 5), provisioningRecord(esmeEui(0), PARTIES));
  // One zero-MAC command; each delivery rewrites its originator counter in place (the MAC is not
  // checked against real keys here, so the patched bytes stay valid).
  const template = (() => {
    const counter = 0x1000n;
    const env: GbcsEnvelope = {
      kind: 'general-ciphering', cra: 1, messageType: 'command', transactionId: counter, originatorCounter: counter,
      transactionIdBytes: u64ToBytes(counter), originator: NETWORK_OPERATOR_EUI, recipient: esmeEui(0), dateTime: undefined,
      otherInfo: { messageCode: ECS17A_MESSAGE_CODE }, content: ecs17aContent(counter), signature: undefined,
    };
    return wrapGeneralCiphering(encodeGeneralSigning(env), new Uint8Array(12));
  })();
  const counterAt = template.indexOf(0xdf) + 3; // DF 09 CRA, then the 8-byte counter (GBCS 1.2)
  const view = new DataView(template.buffer, template.byteOffset);
  let clock = Date.UTC(2026, 0, 5);
  let counter = 0x1000;
  return rate(() => {
    clock += 1000;
    view.setUint32(counterAt + 4, ++counter);
    if (firmware.deliverMessage(0, 'WAN', template, clock) !== Status.OK) throw new Error('command refused');
    firmware.drainOutbox();
  });
}

console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}`);
console.log(`ran: one ESME in one wasm instance (release build), one thread, ${SECONDS} s per figure; node:crypto provider`);
const only = process.env.BENCH_ONLY; // 'firmware' runs the crypto-free figure alone (profiling)
if (only !== 'firmware') for (const [what, perSecond] of Object.entries(endToEnd())) console.log(`  ${what.padEnd(42)} ${perSecond.toLocaleString('en-GB')} /s`);
console.log(`  ${'ECS17a read, firmware alone (no crypto)'.padEnd(42)} ${firmwareAlone().toLocaleString('en-GB')} /s`);
