import { parseEnvelope } from '../../gbcs/envelope.js';
import { ByteReader } from '../../gbcs/payload/bytes.js';
import { readDer, type DerNode } from '../../gbcs/payload/der.js';
import { MESSAGE_CODES } from '../../gbcs/tables/message-codes.js';
import type { RefusalRule } from '../local-inputs.js';

// Device-side failures of the credential updates (devices.md R.6: the CS02g ERROR commands are
// byte-identical to their SUCCESS twins; the reference device failed every replacement). The
// outcome of each replacement is in the response (IMMEDIATE) or in the 0x8F67 alert at execution
// (FUTURE_DATED, whose response is only "accepted for later", 30 02 05 00). When EVERY
// replacement failed with one outcome, a CREDENTIALS rule makes the emulated device fail them the
// same way; mixed outcomes come from the command itself (a certificate of another issuer), which
// the device's own checks reproduce, so no rule is derived.

const CREDENTIAL_UPDATE_CODES: ReadonlySet<number> = new Set(
  MESSAGE_CODES.filter((r) => r.kind === 'command' && (r.useCase === 'CS02b' || r.useCase === 'CS02g')).map((r) => r.code),
);
const DER_NULL = 5;
const DER_SEQUENCE = 16;
const DER_ENUMERATED = 10;
const DER_INTEGER = 2;
const OUTCOME_SUCCESS = 0;
const NO_TARGET = { classId: 0, obis: '0-0:0.0.0.0', member: 0 } as const;

// CS07 Read Device Join Details (8.9_CS07 ERROR): the command is the SUCCESS one, the answer
// SEQUENCE { INTEGER read result } alone with a failure; a CREDENTIALS rule with that result makes
// the emulated GSME fail the read the same way (gsme/asn1.ts).
const READ_JOIN_DETAILS_CODES: ReadonlySet<number> = new Set(
  MESSAGE_CODES.filter((r) => r.kind === 'command' && r.useCase === 'CS07').map((r) => r.code),
);

/** The CREDENTIALS rule for a CS02b / CS02g / CS07 ERROR variant, or undefined (not one, or not a device-side failure). */
export function deriveCredentialRefusal(command: Uint8Array, answers: readonly Uint8Array[]): RefusalRule | undefined {
  const messageCode = parseEnvelope(command).otherInfo.messageCode;
  if (READ_JOIN_DETAILS_CODES.has(messageCode)) {
    const result = readResultOnly(parseEnvelope(answers[0]!).content);
    return result === undefined || result === OUTCOME_SUCCESS ? undefined : { messageCode, kind: 'CREDENTIALS', target: NO_TARGET, result };
  }
  if (!CREDENTIAL_UPDATE_CODES.has(messageCode)) return undefined;
  for (const answer of answers) {
    const outcomes = replacementOutcomes(parseEnvelope(answer).content);
    if (outcomes === undefined || outcomes.length === 0) continue;
    const first = outcomes[0]!;
    if (first === OUTCOME_SUCCESS || outcomes.some((o) => o !== first)) return undefined;
    return { messageCode, kind: 'CREDENTIALS', target: NO_TARGET, result: first };
  }
  return undefined;
}

/** The read result of a CS07 answer that carries nothing else (SEQUENCE { INTEGER }), or undefined. */
function readResultOnly(content: Uint8Array): number | undefined {
  let root: DerNode;
  try {
    root = readDer(new ByteReader(content));
  } catch {
    return undefined;
  }
  const c = root.children ?? [];
  if (root.tagNumber !== DER_SEQUENCE || c.length !== 1 || c[0]?.tagNumber !== DER_INTEGER || c[0].value?.length !== 1) return undefined;
  return c[0].value[0]!;
}

/** Outcomes of the result SEQUENCE of a CS02b answer ({NULL, result}) or 0x8F66/67 alert ({code, time, result}). */
function replacementOutcomes(content: Uint8Array): number[] | undefined {
  let root: DerNode;
  try {
    root = readDer(new ByteReader(content));
  } catch {
    return undefined; // not DER: not a credential answer (its own grading reports it)
  }
  const c = root.children ?? [];
  const result = c[0]?.tagNumber === DER_NULL ? c[1] : c[0]?.tagNumber === DER_INTEGER ? c[2] : undefined;
  if (result?.tagNumber !== DER_SEQUENCE) return undefined;
  const list = result.children?.[3];
  return list?.children?.map((outcome) => {
    const e = outcome.children?.[1];
    return e?.tagNumber === DER_ENUMERATED && e.value?.length === 1 ? e.value[0]! : -1;
  });
}
