import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import type { KeyLookup } from '../gbcs/keys/keystore.js';
import { GbcsDecodeError } from '../gbcs/errors.js';
import { buildCommand } from '../gbcs/message-build.js';
import { decodeFullMessage } from '../gbcs/message-payload.js';
import type { DecodedMessage } from '../gbcs/message.js';
import type { DecodedPayload } from '../gbcs/payload/index.js';
import { SecurityContext } from '../gbcs/security.js';

// The remote-party side of a premises run: users (supplier, network operator) whose commands
// the DCC's access control broker MACs and, for critical use cases, the user signs (GBCS 4.1),
// built and checked with gbcs/. Originator counters are strictly increasing per (originator,
// device) (GBCS 4.6).

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
const BREAK_ON_ERROR_PRIORITY = 0x20;

/** DLMS long-invoke-id-and-priority bytes of a counter (GBCS 2.1 rule 2). */
export function invokeIdBytes(counter: bigint): number[] {
  const invoke = Number(counter & 0xffffffn);
  return [BREAK_ON_ERROR_PRIORITY, (invoke >> 16) & 0xff, (invoke >> 8) & 0xff, invoke & 0xff];
}

/** The DLMS access-request of ECS17a (GBCS 5.1). */
export function ecs17aContent(counter: bigint): Uint8Array {
  const out = [DLMS_ACCESS_REQUEST, ...invokeIdBytes(counter), 0x00, ECS17A_GETS.length];
  for (const [a, b, c, d, e, f, attribute] of ECS17A_GETS) out.push(DLMS_GET, 0x00, REGISTER_CLASS_ID, a!, b!, c!, d!, e!, f!, attribute!);
  out.push(ECS17A_GETS.length, ...ECS17A_GETS.map(() => 0x00));
  return Uint8Array.from(out);
}

export class HeadEnd {
  private readonly counters = new Map<string, bigint>();
  readonly security: SecurityContext;

  constructor(
    provider: CryptoProvider,
    keys: KeyLookup,
    /** The DCC access control broker, whose KA key MACs every command (GBCS 4.1). */
    readonly acbEui: string,
    /** First counter per (originator, device); GBCS data uses small values such as 0x3E8. */
    private readonly firstCounter = 0x1000n,
  ) {
    this.security = new SecurityContext({ keystore: keys, provider, accessControlBroker: acbEui });
  }

  private useCounter(originator: string, device: string, counter: bigint): bigint {
    const key = `${originator}>${device}`;
    const last = this.counters.get(key) ?? this.firstCounter - 1n;
    if (counter <= last) throw new RangeError(`originator counter ${counter} must exceed the last one used, ${last} (GBCS 4.6)`);
    this.counters.set(key, counter);
    return counter;
  }

  nextCounter(originator: string, device: string): bigint {
    const key = `${originator}>${device}`;
    const next = (this.counters.get(key) ?? this.firstCounter - 1n) + 1n;
    this.counters.set(key, next);
    return next;
  }

  /**
   * The supplier's next UTRN counter for a meter (GBCS 10.2): the high word counts the UTRNs
   * vended for that meter, from 1, so a keypad entry rebuilds it from its low 10 bits (devices
   * 4.11); kept with the originator counters, so snapshots carry it.
   */
  nextUtrnCounter(supplier: string, device: string): bigint {
    const key = `${supplier}>${device}:utrn`;
    const vended = (this.counters.get(key) ?? 0n) + 1n;
    this.counters.set(key, vended);
    return vended << 32n;
  }

  /** The originator counters, to snapshot a run (issue 8 point C). */
  exportCounters(): [string, bigint][] {
    return [...this.counters];
  }

  importCounters(entries: readonly (readonly [string, bigint])[]): void {
    this.counters.clear();
    for (const [key, value] of entries) this.counters.set(key, value);
  }

  /**
   * A command MACed by the ACB and, when the use case is critical, signed by the originator.
   * `counter` forces the originator counter (a remote top-up carries its UTRN counter there,
   * GBCS 2.1, 10.1); it must exceed the last one used, and later commands continue above it.
   */
  buildCommand(
    originator: string, device: string, messageCode: number, content: (counter: bigint) => Uint8Array,
    extra: { supplementaryRemotePartyId?: string; supplementaryRemotePartyCounter?: bigint; counter?: bigint } = {},
  ): { bytes: Uint8Array; counter: bigint } {
    const { counter: forced, ...supplementary } = extra;
    const counter = forced === undefined ? this.nextCounter(originator, device) : this.useCounter(originator, device, forced);
    const built = buildCommand({ originator, recipient: device, counter, messageCode, content: content(counter), ...supplementary }, { security: this.security });
    return { bytes: built.bytes, counter };
  }

  /** Decodes a device's response or alert, checks its MAC or signature and decrypts its protected blocks. */
  open(bytes: Uint8Array): DecodedMessage<DecodedPayload> {
    const message = decodeFullMessage(bytes, { security: this.security, onSecurityFailure: 'throw' });
    const { macValid, signatureValid } = message.security;
    if (macValid !== true && signatureValid !== true) throw new GbcsDecodeError('bad-value', 0, 'a MACed or signed device message whose protection verifies');
    return message;
  }

  /** open() for callers that only need the envelope. */
  openResponse(bytes: Uint8Array) {
    return this.open(bytes).envelope;
  }
}

/** The double-long-unsigned values of a decoded DLMS access-response's data items, in order. */
export function responseRegisterValues(message: DecodedMessage<DecodedPayload>): number[] {
  const payload = message.payload;
  if (payload?.kind !== 'dlms' || payload.body.apdu !== 'access-response') throw new GbcsDecodeError('bad-tag', 0, 'DLMS access-response');
  return payload.body.items.flatMap((item) => (item.data.type === 'double-long-unsigned' ? [item.data.value] : []));
}
