import { ParsedHeader } from '../envelope/header';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { device } from '../device/context';
import { derContent, derExpect, DER_SEQUENCE, DER_NULL, DER_GENERALIZED_TIME } from '../asn1/der';
import { derBegin, derFinish, derOpen, derClose, derInteger, derOctets8 } from '../asn1/der-writer';
import { join, unjoin } from '../credentials/join';
import { deviceLogCount, deviceLogEntry } from '../credentials/store';
import { generalizedTimeSeconds, credentialsRefusal } from '../credentials/update';
import { putGeneralizedTime } from '../credentials/pending';
import { credentialsPayload } from '../credentials/credentials';
import {
  MESSAGE_CODE_GCS28, MESSAGE_CODE_CS03B, MESSAGE_CODE_CS03C, MESSAGE_CODE_CS04B, MESSAGE_CODE_CS07,
} from '../generated/use-cases';

// The ASN.1 use cases of the GSME and the GPF (GBCS 7; devices 1.4, 7.2): GCS28 set clock, the
// Method B / C joins, CS07 read join details, and through credentials/ (the ESME's code, over
// the same credential store and device log) the unjoins, CS02a and the CS02b handovers. Each
// writes its DER answer at CONTENT_BASE and returns its length, or -1 when malformed (cause 8).

const METHOD_B: i64 = 2; // joinMethodAndRole of CS03B in the data (with a GPF)
const METHOD_C: i64 = 3; // of CS03C (with a PPMID, carrying its certificate)
const TYPE_GPF: u32 = 3; // GBCS 7 device types
const TYPE_PPMID: u32 = 5;
const TYPE_IHD: u32 = 6; // Type 2 devices
const GENERALIZED_TIME_BYTES: u32 = 15;
const CLOCK_RELIABLE: u64 = 0; // GCS28 time-synchronisation outcomes (gbcs.md 7)
const CLOCK_INVALID: u64 = 1;
const CLOCK_UNRELIABLE: u64 = 2;
const READ_SUCCESS: u64 = 0;

export function gasAsn1Payload(slot: u32, h: ParsedHeader, originatorParty: u32): i32 {
  const content = <usize>h.contentPtr;
  const end = content + h.contentBytes;
  const code = h.messageCode;
  if (code == MESSAGE_CODE_GCS28) return setClock(slot, content, end);
  // [D] 8.7.2_CS03B: Method B binds the GSME to a GPF (a PPMID offered answers 2); 8.7.1_CS03C:
  // Method C binds a PPMID or Type 2 device with its certificate.
  if (code == MESSAGE_CODE_CS03B) return join(slot, content, end, METHOD_B, 1 << TYPE_GPF, false);
  if (code == MESSAGE_CODE_CS03C) return join(slot, content, end, METHOD_C, (1 << TYPE_PPMID) | (1 << TYPE_IHD), true);
  if (code == MESSAGE_CODE_CS04B) return unjoin(slot, content, end);
  if (code == MESSAGE_CODE_CS07) return readJoinDetails(slot, content, end);
  return credentialsPayload(slot, h, originatorParty);
}

/**
 * GCS28 (devices 1.4 [D] 6.11_GCS28): SEQUENCE { GeneralizedTime start, GeneralizedTime end }.
 * The GSME clock inside the window is synchronised: {start, 0}; outside, unchanged: {clock, 2};
 * a window ending before it starts: {clock, 1} [A]. The clock itself is not moved.
 */
function setClock(slot: u32, content: usize, end: usize): i32 {
  if (derExpect(content, end, DER_SEQUENCE) != end) return -1;
  const first = derContent(content);
  const firstEnd = derExpect(first, end, DER_GENERALIZED_TIME);
  if (firstEnd == 0 || firstEnd - derContent(first) != GENERALIZED_TIME_BYTES) return -1;
  const secondEnd = derExpect(firstEnd, end, DER_GENERALIZED_TIME);
  if (secondEnd != end || secondEnd - derContent(firstEnd) != GENERALIZED_TIME_BYTES) return -1;
  const startS = generalizedTimeSeconds(derContent(first));
  const endS = generalizedTimeSeconds(derContent(firstEnd));
  if (startS < 0 || endS < 0) return -1;
  const clockS = device(slot).clockS;
  let outcome = CLOCK_UNRELIABLE;
  if (endS < startS) outcome = CLOCK_INVALID;
  else if (clockS >= startS && clockS <= endS) outcome = CLOCK_RELIABLE;
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  putGeneralizedTime(outcome == CLOCK_RELIABLE ? startS : clockS);
  derInteger(outcome);
  derClose();
  return finish();
}

/**
 * CS07: NULL; answered SEQUENCE { INTEGER 0, SEQUENCE OF SEQUENCE { OCTET STRING(8) EUI, INTEGER
 * device type } } (8.9_CS07), or SEQUENCE { INTEGER failure } when a refusal rule (kind 5) fails it.
 */
function readJoinDetails(slot: u32, content: usize, end: usize): i32 {
  if (derExpect(content, end, DER_NULL) != end) return -1;
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  const refused = credentialsRefusal(slot);
  if (refused != 0) {
    derInteger(<u64>refused);
    derClose();
    return finish();
  }
  derInteger(READ_SUCCESS);
  derOpen(DER_SEQUENCE);
  const count = deviceLogCount(slot);
  for (let i: u32 = 0; i < count; i++) {
    const e = deviceLogEntry(slot, i);
    derOpen(DER_SEQUENCE);
    derOctets8(e.eui);
    derInteger(<u64>e.deviceType);
    derClose();
  }
  derClose();
  derClose();
  return finish();
}

function finish(): i32 {
  const written = derFinish();
  assert(written != 0); // bounded: DEVICE_LOG_MAX entries fit the content region
  return <i32>(written - CONTENT_BASE);
}
