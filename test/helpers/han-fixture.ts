import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import type { DecodedMessage } from '../../gbcs/message.js';
import type { DecodedPayload } from '../../gbcs/payload/index.js';
import { Firmware } from '../../host/firmware.js';
import { HeadEnd, invokeIdBytes } from '../../host/head-end.js';
import { LookupKeyring } from '../../host/keyring.js';
import { ACB_EUI, DEFAULT_START_MS, PREMISES_PARTIES } from '../../host/premises.js';
import { provisioningRecord } from '../../host/provisioning.js';
import { SecureElement } from '../../host/secure-element.js';
import { DEVICE_TYPES, Status, type DeviceTypeName } from '../../host/status.js';

// One firmware instance holding one HAN-side device (CHF, PPMID, HCALCS or SAPC) provisioned like
// the default premises, the head-end that talks to it, and a few DLMS request builders. The CHF's
// commands come from the ACB (devices.md 7.2), as in the reference data.

export const HAN_DEVICE_EUI = '00DB0000000000C1';
const SLOT = 0;

export function createHanWorld(type: DeviceTypeName) {
  const provider = createNodeProvider();
  const keys = new TestPki(11n, provider, { organisations: PREMISES_PARTIES });
  const secureElement = new SecureElement(provider);
  const firmware = new Firmware(secureElement, 'debug');
  const headEnd = new HeadEnd(provider, keys, ACB_EUI);
  secureElement.attach(SLOT, new LookupKeyring(provider, keys, HAN_DEVICE_EUI, PREMISES_PARTIES.map((p) => p.eui)));
  const status = firmware.createDevice(SLOT, DEVICE_TYPES[type], DEFAULT_START_MS, provisioningRecord(HAN_DEVICE_EUI, PREMISES_PARTIES));
  if (status !== Status.OK) throw new Error(`createDevice ${type} -> ${status}`);
  let nowMs = DEFAULT_START_MS;
  /** Sends one command 1 s after the previous one; returns the status and what the device sent. */
  const send = (
    originator: string, messageCode: number, content: (counter: bigint) => Uint8Array,
    extra: { supplementaryRemotePartyId?: string; supplementaryRemotePartyCounter?: bigint } = {},
  ) => {
    nowMs += 1000;
    const built = headEnd.buildCommand(originator, HAN_DEVICE_EUI, messageCode, content, extra);
    const result = firmware.deliverMessage(SLOT, 'WAN', built.bytes, nowMs);
    return { status: result, out: firmware.drainOutbox().map((m) => headEnd.open(m.bytes)) };
  };
  const local = (input: Uint8Array) => firmware.deliverMessage(SLOT, 'LOCAL', input, nowMs);
  const advance = (toMs: number) => {
    nowMs = toMs;
    const status = firmware.advanceTime(SLOT, toMs);
    return { status, out: firmware.drainOutbox().map((m) => headEnd.open(m.bytes)) };
  };
  return { firmware, headEnd, keys, send, local, advance, now: () => nowMs };
}

export type Spec = { kind: 1 | 2 | 3; classId: number; obis: readonly number[]; member: number; data: readonly number[] };

/** A DLMS access-request (GBCS 5.1) of the given items. */
export function accessRequest(counter: bigint, specs: readonly Spec[]): Uint8Array {
  const out = [0xd9, ...invokeIdBytes(counter), 0x00, specs.length];
  for (const s of specs) out.push(s.kind, s.classId >> 8, s.classId & 0xff, ...s.obis, s.member);
  out.push(specs.length);
  for (const s of specs) out.push(...s.data);
  return Uint8Array.from(out);
}

export function dlmsItems(message: DecodedMessage<DecodedPayload>) {
  const p = message.payload;
  if (p?.kind !== 'dlms' || p.body.apdu !== 'access-response') throw new Error('not an access-response');
  return p.body.items;
}

export function alertCode(message: DecodedMessage<DecodedPayload>): number | undefined {
  const p = message.payload;
  if (p?.kind !== 'dlms' || p.body.apdu !== 'data-notification') return undefined;
  const body = p.body.body;
  if (body.type !== 'structure') return undefined;
  const code = body.items[0];
  return code?.type === 'long-unsigned' ? code.value : undefined;
}

export const hex = (h: string) => [...Buffer.from(h, 'hex')];
export const euiOs = (eui: string) => [0x09, 0x08, ...hex(eui)];
