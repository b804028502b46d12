import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { SCRATCH_COMPUTED_MAC } from '../scratch-map';
import { device, findParty, trustEntry, ROLE_HAN_PEER } from '../device/context';
import { recordRejection } from '../device/rejections';
import { parseCipheredEnvelope, parsed, CRA_COMMAND, CRA_RESPONSE, TAG_GENERAL_CIPHERING } from '../envelope/header';
import { deriveKey, gbcsMac, macEqual } from '../envelope/mac';
import { answerHanRead, HAN_READ_REQUEST, HAN_READ_RESPONSE } from './meter-reads';
import { ihdReadAnswered } from './ihd';
import { meterTopUpCommand } from './top-up';
import { ppmidTopUpAnswered } from './ppmid';

// Messages between the devices of a premises (CHANNEL_HAN; the host relays them through the hub).
// Two kinds, told apart by their first byte:
//
// - Device-to-device GBCS messages (DD, GBCS 4.1 and 14 trap 18): PCS01 PPMID -> GSME and its
//   response, and PECS01 PPMID -> ESME (the ZSE ConsumerTopUp the catalogue gives the ESME a
//   message code for, carried here in the same envelope as PCS01). The MAC is GBCS 4.3 keyed
//   by ECDH between the two devices' own KA keys (emulator key path, since the keystore supplies
//   no device-to-device keys): each device holds the other as a trust-store entry of role
//   ROLE_HAN_PEER, so the secure element computes ECDH(own KA private, peer KA public) and the
//   GBCS 4.2 KDF with the header originator, CRA, counter and recipient, exactly as for a remote
//   party. Checked in the order of devices 1.3: envelope, recipient, originator (a bound peer),
//   MAC, counter (strictly above the last accepted from that peer). A rejection is logged as a
//   remote one is (device/rejections.ts) and changes nothing else.
// - ZSE reads by the IHD (meter-reads.ts, ihd.ts): plain frames whose protection is the ZigBee
//   network's, which the emulator does not model; only bound peers are answered.

const COMPUTED_MAC_PTR: usize = SCRATCH_COMPUTED_MAC;

export function processHanMessage(slot: u32, length: u32): Status {
  if (length < 1) return Status.BAD_LENGTH;
  const tag = load<u8>(INBOX_BASE);
  if (tag == HAN_READ_REQUEST) return answerHanRead(slot, length);
  if (tag == HAN_READ_RESPONSE) return ihdReadAnswered(slot, length);
  device(slot).messagesIn++;
  const status = deviceToDevice(slot, length);
  if (status != Status.OK) recordRejection(slot, status);
  return status;
}

/** Trust-store index of a bound HAN device, or -1. */
export function hanPeer(slot: u32, eui: u64): i32 {
  const index = findParty(slot, eui);
  if (index < 0 || trustEntry(slot, <u32>index).role != ROLE_HAN_PEER) return -1;
  return index;
}

function deviceToDevice(slot: u32, length: u32): Status {
  if (load<u8>(INBOX_BASE) != TAG_GENERAL_CIPHERING) return Status.BAD_ENVELOPE; // signed DF: no d2d use case
  const status = parseCipheredEnvelope(INBOX_BASE, length);
  if (status != Status.OK) return status;
  const h = parsed();
  if (h.recipient != device(slot).eui) return Status.WRONG_RECIPIENT;
  const peer = hanPeer(slot, h.originator);
  if (peer < 0) return Status.UNKNOWN_ORIGINATOR;
  if (deriveKey(slot, <u32>peer, h.originator, h.cra, h.counter, h.recipient) != Status.OK) return Status.SECURE_ELEMENT_FAILED;
  if (gbcsMac(slot, h.originator, h.apduPtr, h.signedEnd, COMPUTED_MAC_PTR) != Status.OK) return Status.SECURE_ELEMENT_FAILED;
  if (!macEqual(COMPUTED_MAC_PTR, h.macPtr)) return Status.BAD_MAC;
  if (h.cra == CRA_COMMAND) return meterTopUpCommand(slot, h, <u32>peer);
  if (h.cra == CRA_RESPONSE) return ppmidTopUpAnswered(slot, h);
  return Status.BAD_ENVELOPE;
}
