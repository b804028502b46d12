import { SCRATCH_COMPUTED_MAC } from '../scratch-map';
import { INBOX_BASE } from '../layout';
import { loadU64BE, storeU64BE } from '../bytes';
import { commandParties, CommandParties, KEY_SLOT_CARRIED, CARRIED_KEY_PTR, CARRIED_KEY_BYTES, REPLY_OTHER_INFO_PTR } from './parties';
import { parseCertificate, parsedCertificate, KEY_USAGE_KA } from '../asn1/certificate';
import { Status } from '../status';
import { device, trustEntry, findParty, findRole, ROLE_ACB } from './context';
import { parseCipheredEnvelope, parseSignedEnvelope, parsed, ParsedHeader, CRA_COMMAND, CRA_RESPONSE, TAG_GENERAL_SIGNING } from '../envelope/header';
import { deriveKey, gbcsMac, macEqual } from '../envelope/mac';
import { buildOutgoing, outgoing, clearResponseDateTime, CONTENT_BYTES, NO_DATE_TIME } from '../envelope/outgoing';
import { BUILD_BASE } from '../envelope/scratch';
import { outboxHasRoom, outboxPush, CHANNEL_WAN } from '../outbox';
import { seVerify } from '../platform';
import { CLOCK_STATUS_NOT_SPECIFIED } from '../time';
import { findUseCase, useCaseFlags } from './use-cases';
import { USE_CASE_CRITICAL, USE_CASE_DATED_RESPONSE, USE_CASE_UNSIGNED_COMMAND } from '../generated/use-cases';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_CHF, DEVICE_TYPE_PPMID, DEVICE_TYPE_HCALCS, DEVICE_TYPE_SAPC } from './types';
import { esmePayload } from '../esme/esme';
import { DEVICE_TYPE_GSME, DEVICE_TYPE_GPF } from './types';
import { gsmePayload } from '../gsme/gsme';
import { gpfPayload } from '../gpf/gpf';
import { chfPayload, chfAfterResponse } from '../chf/chf';
import { hanDevicePayload } from '../han-devices/han-device';
import { sapcPayload } from '../sapc/sapc';
import { activateFirmwareCommand, sendFirmwareChangeAlert, MESSAGE_CODE_CS06 } from './activate-firmware';

// A remote-party command reaching any device (devices 1.3): the checks run in the normative
// order and each failure returns its Status before anything changes; then the device type's
// payload handler runs and the response is built (GBCS 2.1 rule 1, 4.1). Device types plug in
// through runPayload.

const COMPUTED_MAC_PTR: usize = SCRATCH_COMPUTED_MAC;
// The largest response a device produces (the content region plus headers); checked before
// anything runs so a full outbox never leaves a command half applied.
const RESPONSE_BYTES_MAX: u32 = CONTENT_BYTES + 256;
const SUPPLEMENTARY_PARTY_OFFSET: u32 = 2; // other-information: message code, then the supplementary remote party (GBCS 2.2)
const OTHER_INFO_WITH_SUPPLEMENTARY_PARTY: u32 = 10;
// GBCS 2.2: code, supplementary party, its counter (18 bytes), then a DER X.509 KA certificate of
// an unknown remote party (ECS21b URP); the response carries 18 bytes + the device's own counter.
const OTHER_INFO_WITH_SUPPLEMENTARY_COUNTER: u32 = 18;
const URP_RESPONSE_OTHER_INFO_BYTES: u32 = 26;


export function processCommand(slot: u32, length: u32): Status {
  const d = device(slot);
  // GBCS 4.1: commands travel MACed (DD); the CS02a-signature and CS02b recovery variants as a
  // bare signed general-signing APDU (DF), authenticated by the signature alone.
  const bare = length > 0 && load<u8>(INBOX_BASE) == TAG_GENERAL_SIGNING;
  const status = bare ? parseSignedEnvelope(INBOX_BASE, length) : parseCipheredEnvelope(INBOX_BASE, length);
  if (status != Status.OK) return status;
  const h = parsed();
  if (h.cra != CRA_COMMAND) return Status.BAD_ENVELOPE;
  if (h.recipient != d.eui) return Status.WRONG_RECIPIENT;
  const party = findParty(slot, h.originator);
  const acb = findRole(slot, ROLE_ACB);
  if (party < 0 || acb < 0) return Status.UNKNOWN_ORIGINATOR;
  // GBCS 4.1: commands are MACed by the ACB's key, but the KDF and IV name the header originator.
  if (!bare) {
    if (deriveKey(slot, <u32>acb, h.originator, CRA_COMMAND, h.counter, h.recipient) != Status.OK) {
      return Status.SECURE_ELEMENT_FAILED;
    }
    if (gbcsMac(slot, h.originator, h.apduPtr, h.signedEnd, COMPUTED_MAC_PTR) != Status.OK) {
      return Status.SECURE_ELEMENT_FAILED;
    }
    if (!macEqual(COMPUTED_MAC_PTR, h.macPtr)) return Status.BAD_MAC;
  }
  const entry = trustEntry(slot, <u32>party);
  if (h.counter <= entry.lastCounter) return Status.COUNTER_REPLAYED;
  const row = findUseCase(h.messageCode, d.deviceType);
  if (row < 0) return Status.UNKNOWN_USE_CASE;
  const flags = useCaseFlags(row);
  const critical = (flags & USE_CASE_CRITICAL) != 0;
  // GBCS 4.1: a few critical use cases send their command MAC-only (the table's unsigned-command
  // flag); a signature such a command does carry is still checked.
  const unsignedCommand = (flags & USE_CASE_UNSIGNED_COMMAND) != 0;
  if (bare || (critical && (h.signaturePtr != 0 || !unsignedCommand))) {
    // devices 1.3 cause 6: a critical command must carry the originator's valid signature (GBCS 4.4).
    if (h.signaturePtr == 0) return Status.BAD_SIGNATURE;
    const signedStart = h.apduPtr + 1;
    const signedEnd = h.contentPtr + h.contentBytes;
    if (seVerify(slot, <u32>party, signedStart, <u32>(signedEnd - signedStart), h.signaturePtr) != 0) return Status.BAD_SIGNATURE;
  }
  if (!outboxHasRoom(RESPONSE_BYTES_MAX)) return Status.OUTBOX_FULL;

  // GBCS 4.5: an encrypted reply goes to the supplementary remote party when the command names one.
  const parties = commandParties();
  parties.originator = <u32>party;
  parties.reply = <u32>party;
  parties.replyEui = h.originator;
  parties.encryptionCounter = h.counter;
  let replyOtherInfoPtr = h.otherInfoPtr;
  let replyOtherInfoBytes = h.otherInfoBytes;
  if (h.otherInfoBytes > OTHER_INFO_WITH_SUPPLEMENTARY_COUNTER) {
    if (!carriedParty(slot, h, parties)) return Status.BAD_ENVELOPE;
    replyOtherInfoPtr = <u32>REPLY_OTHER_INFO_PTR;
    replyOtherInfoBytes = URP_RESPONSE_OTHER_INFO_BYTES;
  } else if (h.otherInfoBytes >= OTHER_INFO_WITH_SUPPLEMENTARY_PARTY) {
    const supplementary = loadU64BE(h.otherInfoPtr + SUPPLEMENTARY_PARTY_OFFSET);
    const index = findParty(slot, supplementary);
    if (index < 0) return Status.UNKNOWN_ORIGINATOR;
    parties.reply = <u32>index;
    parties.replyEui = supplementary;
  }
  clearResponseDateTime();
  const contentBytes = runPayload(d.deviceType, slot, h, parties);
  if (contentBytes < 0) return Status.BAD_PAYLOAD;
  // GBCS 2.1 rule 1: CRA 2, the command's counter, titles swapped, other-information echoed.
  // GBCS 1.2: a dated response carries the device clock (status FF) unless the handler chose a
  // date-time and status (envelope/outgoing.ts setResponseDateTime).
  const m = outgoing();
  const dated = (flags & USE_CASE_DATED_RESPONSE) != 0;
  if (!dated) m.dateTimeS = NO_DATE_TIME;
  else if (m.dateTimeS == NO_DATE_TIME) {
    m.dateTimeS = d.clockS;
    m.clockStatus = CLOCK_STATUS_NOT_SPECIFIED;
  }
  m.cra = CRA_RESPONSE;
  m.keySlot = <u32>party;
  m.counter = h.counter;
  m.originator = d.eui;
  m.recipient = h.originator;
  m.otherInfoPtr = replyOtherInfoPtr;
  m.otherInfoBytes = replyOtherInfoBytes;
  m.contentBytes = <u32>contentBytes;
  m.signed = critical || bare ? 1 : 0; // a signed-only command is answered signed (RTDS NA_CS02aSignature ERROR)
  const total = buildOutgoing(slot, m);
  if (total == 0) return Status.SECURE_ELEMENT_FAILED;
  assert(total <= RESPONSE_BYTES_MAX);
  // Authenticated, well-formed and answered: only now does the counter move (GBCS 4.6).
  entry.lastCounter = h.counter;
  if (parties.reply == KEY_SLOT_CARRIED) d.alertCounter = parties.encryptionCounter; // the device's originator counter was used
  outboxPush(slot, CHANNEL_WAN, BUILD_BASE, total);
  d.messagesOut++;
  runAfterResponse(d.deviceType, slot);
  return Status.OK;
}

/**
 * ECS21b URP (GBCS 2.2, 4.5): the reply is encrypted for the key of the KA certificate the
 * command carries, whose subject must be the supplementary remote party; the device's own next
 * originator counter (the counter its alerts use, GBCS 4.6) keys that encryption and is returned
 * as the supplementary originator counter in a 26-byte other-information.
 */
function carriedParty(slot: u32, h: ParsedHeader, parties: CommandParties): bool {
  const certificate = <usize>h.otherInfoPtr + OTHER_INFO_WITH_SUPPLEMENTARY_COUNTER;
  if (!parseCertificate(certificate, <usize>h.otherInfoPtr + h.otherInfoBytes)) return false;
  const c = parsedCertificate();
  const supplementary = loadU64BE(h.otherInfoPtr + SUPPLEMENTARY_PARTY_OFFSET);
  if (c.subjectEui != supplementary || c.keyUsage != KEY_USAGE_KA) return false;
  memory.copy(CARRIED_KEY_PTR, c.publicKeyPtr, CARRIED_KEY_BYTES);
  const d = device(slot);
  parties.reply = KEY_SLOT_CARRIED;
  parties.replyEui = supplementary;
  parties.encryptionCounter = d.alertCounter + 1;
  memory.copy(REPLY_OTHER_INFO_PTR, h.otherInfoPtr, OTHER_INFO_WITH_SUPPLEMENTARY_COUNTER);
  storeU64BE(REPLY_OTHER_INFO_PTR + OTHER_INFO_WITH_SUPPLEMENTARY_COUNTER, parties.encryptionCounter);
  return true;
}

/** The device type's handler: writes the response content at CONTENT_BASE, returns its length or -1 (cause 8). */
function runPayload(deviceType: u32, slot: u32, h: ParsedHeader, parties: CommandParties): i32 {
  if (h.messageCode == MESSAGE_CODE_CS06) return activateFirmwareCommand(slot, h, parties.originator); // any device type (devices 9)
  if (deviceType == DEVICE_TYPE_ESME) return esmePayload(slot, h, parties.originator, parties.reply, parties.replyEui);
  if (deviceType == DEVICE_TYPE_GSME) return gsmePayload(slot, h, parties.originator, parties.reply, parties.replyEui);
  if (deviceType == DEVICE_TYPE_GPF) return gpfPayload(slot, h, parties.originator, parties.reply, parties.replyEui);
  if (deviceType == DEVICE_TYPE_CHF) return chfPayload(slot, h, parties.originator, parties.reply, parties.replyEui);
  if (deviceType == DEVICE_TYPE_PPMID || deviceType == DEVICE_TYPE_HCALCS) return hanDevicePayload(slot, h);
  if (deviceType == DEVICE_TYPE_SAPC) return sapcPayload(slot, h, parties.originator, parties.reply, parties.replyEui);
  return -1;
}

/** What a device type sends after its response (the CHF's DCC alerts, chf/alerts.ts); best effort. */
function runAfterResponse(deviceType: u32, slot: u32): void {
  if (deviceType == DEVICE_TYPE_CHF) chfAfterResponse(slot);
  sendFirmwareChangeAlert(slot); // 0x8F43 after an immediate CS06 (device/activate-firmware.ts)
}
