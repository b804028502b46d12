import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device, trustEntry, findParty, findRole, ROLE_ACB } from '../device/context';
import { parseCipheredEnvelope, parsed, CRA_COMMAND } from '../envelope/header';
import { deriveKey, gbcsMac, macEqual } from '../envelope/mac';
import { buildResponse } from '../envelope/response';
import { BUILD_BASE } from '../envelope/scratch';
import { outboxHasRoom, outboxPush, CHANNEL_WAN } from '../outbox';
import { SE_SCRATCH_BASE } from '../layout';
import { findUseCase, useCaseHandler, useCaseDatesResponse, HANDLER_READ_REGISTERS } from './use-cases';
import { readRegisters } from './read-registers';

// An ESME receiving a remote-party command (devices 1.3): checks in the normative order,
// each failure returning its Status before anything changes; then execution and the response.

const COMPUTED_MAC_PTR: usize = SE_SCRATCH_BASE + 512;
// The largest response this ESME produces today; checked before any state changes.
const RESPONSE_BYTES_MAX: u32 = 1024;

export function esmeCommand(slot: u32, length: u32): Status {
  const d = device(slot);
  const status = parseCipheredEnvelope(INBOX_BASE, length);
  if (status != Status.OK) return status;
  const h = parsed();
  if (h.cra != CRA_COMMAND) return Status.BAD_ENVELOPE;
  if (h.recipient != d.eui) return Status.WRONG_RECIPIENT;
  const party = findParty(slot, h.originator);
  const acb = findRole(slot, ROLE_ACB);
  if (party < 0 || acb < 0) return Status.UNKNOWN_ORIGINATOR;
  // GBCS 4.1: commands are MACed by the ACB's key, but the KDF and IV name the header originator.
  if (deriveKey(slot, <u32>acb, h.originator, CRA_COMMAND, h.counter, h.recipient) != Status.OK) {
    return Status.SECURE_ELEMENT_FAILED;
  }
  if (gbcsMac(slot, h.originator, h.apduPtr, h.signedEnd, COMPUTED_MAC_PTR) != Status.OK) {
    return Status.SECURE_ELEMENT_FAILED;
  }
  if (!macEqual(COMPUTED_MAC_PTR, h.macPtr)) return Status.BAD_MAC;
  const entry = trustEntry(slot, <u32>party);
  if (h.counter <= entry.lastCounter) return Status.COUNTER_REPLAYED;
  const row = findUseCase(h.messageCode);
  if (row < 0) return Status.UNKNOWN_USE_CASE;
  if (!outboxHasRoom(RESPONSE_BYTES_MAX)) return Status.OUTBOX_FULL;

  let contentBytes: i32 = -1;
  const handler = useCaseHandler(row);
  if (handler == HANDLER_READ_REGISTERS) contentBytes = readRegisters(d, h);
  if (contentBytes < 0) return Status.BAD_PAYLOAD;
  const total = buildResponse(slot, d.eui, d.clockS, h, <u32>party, <u32>contentBytes, useCaseDatesResponse(row));
  if (total == 0) return Status.SECURE_ELEMENT_FAILED;
  assert(total <= RESPONSE_BYTES_MAX);
  // Authenticated, well-formed and answered: only now does the counter move (GBCS 4.6).
  entry.lastCounter = h.counter;
  outboxPush(slot, CHANNEL_WAN, BUILD_BASE, total);
  d.messagesOut++;
  return Status.OK;
}
