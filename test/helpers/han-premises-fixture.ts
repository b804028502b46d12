import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { fromHex } from '../../gbcs/crypto/bytes.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { generateUTRN } from '../../gbcs/utrn.js';
import { Firmware } from '../../host/firmware.js';
import { LookupKeyring } from '../../host/keyring.js';
import { hanLogEntryInput, LEDGER_VALUE, ledgerSetInput } from '../../host/local-inputs.js';
import { PAYMENT_MODE } from '../../host/ledger-view.js';
import { DEFAULT_START_MS, PREMISES_PARTIES, SUPPLIER_EUI } from '../../host/premises.js';
import { provisioningRecord } from '../../host/provisioning.js';
import { SecureElement } from '../../host/secure-element.js';
import { DEVICE_TYPES, ROLE, Status, type DeviceTypeName } from '../../host/status.js';

// The HAN devices of a premises in one firmware instance, bound as the default premises binds
// them (host/world/premises-han.ts): each device trusts the remote parties and holds the devices
// it talks to as trust-store entries of role HAN_PEER, so their secure elements derive the
// device-to-device keys from the devices' own KA keys (ECDH, GBCS 4.2). The meters are prepayment
// meters with MB 1 000 p, MaxMB 25 000 p, MaxCT 10 000 p; UTRNs are made with the test PKI's
// supplier prepayment key.

export const P = 1000n;
/** The reference identities of devices.md S.1 (our own keys from the test PKI), the IHD an EUI of ours. */
export const EUI = { ESME: '00DB1234567890A0', GSME: '00DB1234567890A1', GPF: '00DB1234567890A3', PPMID: '00DB1234567890A4', IHD: '00DB1234567890D1' } as const;
type Bound = keyof typeof EUI;
/** Who talks to whom (GBCS 7 device types for the PPMID's own device log). */
const PEERS: Record<Bound, readonly Bound[]> = { ESME: ['PPMID', 'IHD'], GSME: ['PPMID'], GPF: ['IHD'], PPMID: ['ESME', 'GSME'], IHD: ['ESME', 'GPF'] };
const GBCS_TYPE: Partial<Record<Bound, number>> = { GSME: 0, ESME: 1 };

/** `unbound`: devices whose HAN peers are not bound in their trust store (a meter that never joined the PPMID). */
export function createHanPremises(devices: readonly Bound[] = ['ESME', 'GSME', 'PPMID'], unbound: readonly Bound[] = []) {
  const provider = createNodeProvider();
  const keys = new TestPki(5n, provider, { organisations: PREMISES_PARTIES });
  const secureElement = new SecureElement(provider);
  const firmware = new Firmware(secureElement, 'debug');
  const slot = Object.fromEntries(devices.map((d, i) => [d, i])) as Record<Bound, number>;
  let nowMs = DEFAULT_START_MS;
  for (const d of devices) {
    const peers = PEERS[d].filter((p) => devices.includes(p) && !unbound.includes(d)).map((p) => ({ eui: EUI[p], role: ROLE.HAN_PEER }));
    const parties = [...PREMISES_PARTIES, ...peers];
    secureElement.attach(slot[d], new LookupKeyring(provider, keys, EUI[d], parties.map((p) => p.eui)));
    const status = firmware.createDevice(slot[d], DEVICE_TYPES[d as DeviceTypeName], nowMs, provisioningRecord(EUI[d], parties));
    if (status !== Status.OK) throw new Error(`createDevice ${d} -> ${status}`);
  }
  const local = (d: Bound, bytes: Uint8Array) => {
    const status = firmware.deliverMessage(slot[d], 'LOCAL', bytes, nowMs);
    if (status !== Status.OK) throw new Error(`LOCAL input ${bytes[0]} to ${d} -> ${status}`);
  };
  if (devices.includes('PPMID')) {
    for (const m of PEERS.PPMID) if (devices.includes(m)) local('PPMID', hanLogEntryInput({ list: 'device', eui: EUI[m], deviceType: GBCS_TYPE[m]! }));
  }
  for (const m of ['ESME', 'GSME'] as const) {
    if (!devices.includes(m)) continue;
    local(m, ledgerSetInput(LEDGER_VALUE.PAYMENT_MODE, BigInt(PAYMENT_MODE.PREPAYMENT)));
    local(m, ledgerSetInput(LEDGER_VALUE.MAX_METER_BALANCE, 25_000n * P));
    local(m, ledgerSetInput(LEDGER_VALUE.MAX_CREDIT_THRESHOLD, 10_000n * P));
    local(m, ledgerSetInput(LEDGER_VALUE.METER_BALANCE, 1000n * P));
  }
  firmware.drainOutbox();
  /** Delivers bytes on a channel 1 s after the last delivery; returns the status and the HAN and WAN messages produced. */
  const deliver = (d: Bound, channel: 'HAN' | 'LOCAL', bytes: Uint8Array) => {
    nowMs += 1000;
    const status = firmware.deliverMessage(slot[d], channel, bytes, nowMs);
    const out = firmware.drainOutbox();
    return { status, han: out.filter((m) => m.channel === 'HAN').map((m) => m.bytes), wan: out.filter((m) => m.channel === 'WAN').map((m) => m.bytes) };
  };
  const advance = (d: Bound, toMs: number) => {
    nowMs = toMs;
    const status = firmware.advanceTime(slot[d], toMs);
    const out = firmware.drainOutbox();
    return { status, han: out.filter((m) => m.channel === 'HAN').map((m) => m.bytes) };
  };
  /** A UTRN of the supplier for a meter, its counter's high word given. */
  const utrn = (meter: 'ESME' | 'GSME', counterHigh: number, pounds: number) =>
    generateUTRN(provider, {
      privateKey: keys.privateKey(SUPPLIER_EUI, 'pp-ka'), peerPublicKey: keys.publicKey(EUI[meter], 'ka'),
      supplierEui: fromHex(SUPPLIER_EUI), deviceEui: fromHex(EUI[meter]),
    }, { counter: BigInt(counterHigh) << 32n, valueClass: 'pounds', value: pounds });
  return { provider, keys, firmware, slot, local, deliver, advance, utrn, now: () => nowMs };
}
