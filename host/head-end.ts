import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import type { KeyLookup } from '../gbcs/keys/keystore.js';
import { deriveGbcsKeyFromKeys } from '../gbcs/crypto/gbcs-kdf.js';
import { gbcsMessageMac, verifyGbcsMessageMac } from '../gbcs/crypto/gbcs-gcm.js';
import { encodeGeneralSigning, euiToBytes, parseEnvelope, u64ToBytes, wrapGeneralCiphering, type GbcsEnvelope } from '../gbcs/envelope.js';
import { GbcsDecodeError } from '../gbcs/errors.js';

// The remote-party side of a premises run: a user (supplier or network operator) whose
// commands the DCC's access control broker MACs (GBCS 4.1), and who checks the responses.
// Originator counters are strictly increasing per (originator, device) (GBCS 4.6).

export const ECS17A_MESSAGE_CODE = 0x0026;
// GBCS 5.5: ECS17a reads Register 1-0:2.8.0.255 and 1-0:4.8.0.255, attributes 2 and 3.
const ECS17A_GETS: readonly (readonly number[])[] = [
  [0x01, 0x00, 0x02, 0x08, 0x00, 0xff, 2],
  [0x01, 0x00, 0x02, 0x08, 0x00, 0xff, 3],
  [0x01, 0x00, 0x04, 0x08, 0x00, 0xff, 2],
  [0x01, 0x00, 0x04, 0x08, 0x00, 0xff, 3],
];
const REGISTER_CLASS_ID = 3;
const DLMS_GET = 0x01;
const DLMS_ACCESS_REQUEST = 0xd9;
const DLMS_ACCESS_RESPONSE = 0xda;
const BREAK_ON_ERROR_PRIORITY = 0x20;
const DOUBLE_LONG_UNSIGNED = 0x06;

/** The DLMS access-request of ECS17a (GBCS 5.1); invoke-id from the counter (GBCS 2.1 rule 2). */
export function ecs17aContent(counter: bigint): Uint8Array {
  const invoke = Number(counter & 0xffffffn);
  const out = [DLMS_ACCESS_REQUEST, BREAK_ON_ERROR_PRIORITY, (invoke >> 16) & 0xff, (invoke >> 8) & 0xff, invoke & 0xff, 0x00, ECS17A_GETS.length];
  for (const [a, b, c, d, e, f, attribute] of ECS17A_GETS) out.push(DLMS_GET, 0x00, REGISTER_CLASS_ID, a!, b!, c!, d!, e!, f!, attribute!);
  out.push(ECS17A_GETS.length, ...ECS17A_GETS.map(() => 0x00));
  return Uint8Array.from(out);
}

export interface RemotePartyIdentity {
  eui: string;
  role: number;
}

export class HeadEnd {
  private readonly counters = new Map<string, bigint>();

  constructor(
    private readonly provider: CryptoProvider,
    private readonly keys: KeyLookup,
    /** The DCC access control broker, whose KA key MACs every command (GBCS 4.1). */
    readonly acbEui: string,
    /** First counter per (originator, device); GBCS data uses small values such as 0x3E8. */
    private readonly firstCounter = 0x1000n,
  ) {}

  nextCounter(originator: string, device: string): bigint {
    const key = `${originator}>${device}`;
    const next = (this.counters.get(key) ?? this.firstCounter - 1n) + 1n;
    this.counters.set(key, next);
    return next;
  }

  /** A MAC-only (non-critical) command, MACed with ECDH(ACB KA, device KA) and KDF on the originator. */
  buildCommand(originator: string, device: string, messageCode: number, content: (counter: bigint) => Uint8Array): { bytes: Uint8Array; counter: bigint } {
    const counter = this.nextCounter(originator, device);
    const env: GbcsEnvelope = {
      kind: 'general-ciphering', cra: 1, messageType: 'command', transactionId: counter, originatorCounter: counter,
      transactionIdBytes: u64ToBytes(counter), originator, recipient: device, dateTime: undefined,
      otherInfo: { messageCode }, content: content(counter), signature: undefined,
    };
    const apdu = encodeGeneralSigning(env);
    const key = deriveGbcsKeyFromKeys(this.provider, this.privateKa(this.acbEui), this.publicKa(device),
      euiToBytes(originator), 1, u64ToBytes(counter), euiToBytes(device));
    return { bytes: wrapGeneralCiphering(apdu, gbcsMessageMac(this.provider, key, euiToBytes(originator), apdu)), counter };
  }

  /** Parses and MAC-verifies a device's response or alert addressed to `recipient` (throws a GbcsDecodeError / GbcsSecurityError). */
  openResponse(bytes: Uint8Array): GbcsEnvelope {
    const env = parseEnvelope(bytes);
    if (env.kind !== 'general-ciphering' || !env.mac || !env.wire) throw new GbcsDecodeError('bad-value', 0, 'a MACed response');
    const key = deriveGbcsKeyFromKeys(this.provider, this.privateKa(env.recipient), this.publicKa(env.originator),
      env.wire.originator, env.cra, env.transactionIdBytes, env.wire.recipient);
    verifyGbcsMessageMac(this.provider, key, env.wire.originator, env.wire.apdu, env.mac);
    return env;
  }

  private privateKa(eui: string): Uint8Array {
    const key = this.keys.privateKey(eui, 'ka');
    if (!key) throw new Error(`no KA private key for ${eui}`);
    return key;
  }

  private publicKa(eui: string): Uint8Array {
    const key = this.keys.publicKey(eui, 'ka');
    if (!key) throw new Error(`no KA public key for ${eui}`);
    return key;
  }
}

/** The register values (attribute 2, double-long-unsigned) of a DLMS access-response, in order. */
export function responseRegisterValues(content: Uint8Array): number[] {
  if (content[0] !== DLMS_ACCESS_RESPONSE || content.length < 8) throw new GbcsDecodeError('bad-tag', 0, 'DLMS access-response DA');
  const count = content[7]!;
  const values: number[] = [];
  let p = 8;
  for (let i = 0; i < count && p < content.length; i++) {
    const tag = content[p]!;
    if (tag === DOUBLE_LONG_UNSIGNED) {
      values.push(new DataView(content.buffer, content.byteOffset + p + 1, 4).getUint32(0));
      p += 5;
    } else if (tag === 0x02) {
      p += 6; // structure{scaler, unit}
    } else {
      p += 1; // null-data of a failed item
    }
  }
  return values;
}
