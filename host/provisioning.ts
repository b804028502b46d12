// The provisioning record createDevice reads from the INBOX (assembly/device/lifecycle.ts):
//   eui u64 BE | partyCount u8 | partyCount x (eui u64 BE | role u8)
// Party i becomes trust-store entry i, which is also its secure-element key slot.

export interface TrustAnchor {
  eui: string;
  role: number;
}

export const TRUST_STORE_MAX = 12; // assembly/device/context.ts

export function provisioningRecord(deviceEui: string, parties: readonly TrustAnchor[]): Uint8Array {
  if (parties.length > TRUST_STORE_MAX) throw new RangeError(`trust store holds at most ${TRUST_STORE_MAX} parties`);
  const out = new Uint8Array(9 + parties.length * 9);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, euiValue(deviceEui));
  out[8] = parties.length;
  parties.forEach((party, i) => {
    view.setBigUint64(9 + i * 9, euiValue(party.eui));
    out[17 + i * 9] = party.role;
  });
  return out;
}

function euiValue(eui: string): bigint {
  if (!/^[0-9A-Fa-f]{16}$/.test(eui)) throw new RangeError(`EUI-64 must be 16 hex digits, got '${eui}'`);
  return BigInt(`0x${eui}`);
}
