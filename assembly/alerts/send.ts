import { Status } from '../status';
import { device, trustEntry } from '../device/context';
import { buildOutgoing, outgoing, NO_DATE_TIME } from '../envelope/outgoing';
import { CRA_ALERT } from '../envelope/header';
import { BUILD_BASE } from '../envelope/scratch';
import { outboxPush, CHANNEL_WAN } from '../outbox';
import { SCRATCH_OUT_OTHER_INFO } from '../scratch-map';

// Sending an alert, whatever its payload (DLMS data-notification, GBZ, ASN.1): CRA 3 with the
// device's own next alert counter (GBCS 2.1), signed when critical, MACed to the recipient
// otherwise (GBCS 4.1). The caller has written the content at CONTENT_BASE (using
// nextAlertCounter where the payload repeats the counter) and the other-information at
// SCRATCH_OUT_OTHER_INFO, and has checked the outbox has room. The counter moves only when the
// alert is sent.

export function nextAlertCounter(slot: u32): u64 {
  return device(slot).alertCounter + 1;
}

export function sendAlertContent(slot: u32, party: u32, otherInfoBytes: u32, contentBytes: u32, critical: bool): Status {
  const d = device(slot);
  const counter = d.alertCounter + 1;
  const m = outgoing();
  m.cra = CRA_ALERT;
  m.keySlot = party;
  m.counter = counter;
  m.originator = d.eui;
  m.recipient = trustEntry(slot, party).eui;
  m.dateTimeS = NO_DATE_TIME;
  m.otherInfoPtr = <u32>SCRATCH_OUT_OTHER_INFO;
  m.otherInfoBytes = otherInfoBytes;
  m.contentBytes = contentBytes;
  m.signed = critical ? 1 : 0;
  const total = buildOutgoing(slot, m);
  if (total == 0) return Status.SECURE_ELEMENT_FAILED;
  d.alertCounter = counter;
  d.alertsRaised++;
  outboxPush(slot, CHANNEL_WAN, BUILD_BASE, total);
  return Status.OK;
}
