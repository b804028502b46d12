import {
  HANDLER_SUPPLY_DISCONNECT, HANDLER_SUPPLY_RECONNECT, HANDLER_EMERGENCY_CREDIT_INVOKE,
} from '../generated/esme-objects';
import { MESSAGE_CODE_ECS44 } from '../generated/use-cases';
import { parsed } from '../envelope/header';
import { remoteEnable, remoteDisable, remoteArm, supplyState, SUPPLY_ENABLED, SUPPLY_ARMED } from '../ledger/supply';
import { readyLedger } from '../ledger/config';
import { activateEmergencyCredit, EC_ACTIVATE_REFUSED } from '../ledger/ledger';
import { device } from '../device/context';
import { room, putU8 } from '../cosem/output';
import { RESULT_SUCCESS, RESULT_OTHER_REASON, RESULT_TYPE_UNMATCHED } from '../cosem/results';

// Supply control of the ESME through the COSEM disconnect control (class 70, 0-0:96.3.10.255;
// GBCS 5.5 [unverified mapping]: m1 remote_disconnect, m2 remote_reconnect) over the supply state
// machine of devices 5.2 (ledger/supply.ts):
// - ECS43 Open the load switch: m1, DISABLED (REMOTE) unless a higher cause holds; success.
// - ECS42 Close the load switch: m2, ENABLED when the credit guard holds, else refused.
// - ECS44 Arm: the same m2 (DLMS remote_reconnect from "disconnected" goes to "ready for
//   reconnection"): ARMED, or DISABLED (CREDIT) under the credit rule; refused while locked.
// - ECS45 Read: a3 control_state, 0 disconnected = DISABLED, 1 connected = ENABLED, 2 ready for
//   reconnection = ARMED (devices 11.3; R.1 reads 1).
// - ECS09 Activate emergency credit remotely [A: class 112 m3 invoke_credit on the emergency
//   credit 0-0:19.10.1.255]: success when EC is in use afterwards (devices 4.8, 11.2).
// A refused transition answers action-result 250 (other-reason) [A] and changes nothing. The
// method parameter is the DLMS integer(0) of class 70 / class 112 methods, or null-data.

const AXDR_NULL: u8 = 0x00;
const AXDR_INTEGER: u8 = 0x0f;
const AXDR_ENUM: u8 = 0x16;
const CONTROL_STATE_DISCONNECTED: u8 = 0;
const CONTROL_STATE_CONNECTED: u8 = 1;
const CONTROL_STATE_READY_FOR_RECONNECTION: u8 = 2;

/** The action-result of a supply-control or emergency-credit method. */
export function supplyControlAction(slot: u32, handler: u32, param: usize, paramEnd: usize): u8 {
  if (!isEmptyParameter(param, paramEnd)) return RESULT_TYPE_UNMATCHED;
  if (handler == HANDLER_SUPPLY_DISCONNECT) return remoteDisable(slot) ? RESULT_SUCCESS : RESULT_OTHER_REASON;
  if (handler == HANDLER_SUPPLY_RECONNECT) {
    const accepted = parsed().messageCode == MESSAGE_CODE_ECS44 ? remoteArm(slot) : remoteEnable(slot);
    return accepted ? RESULT_SUCCESS : RESULT_OTHER_REASON;
  }
  assert(handler == HANDLER_EMERGENCY_CREDIT_INVOKE);
  const l = readyLedger(slot);
  if (l == null) return RESULT_OTHER_REASON;
  return activateEmergencyCredit(slot, l, device(slot).clockS) == EC_ACTIVATE_REFUSED ? RESULT_OTHER_REASON : RESULT_SUCCESS;
}

/** Whether a handler is one of supplyControlAction's. */
export function isSupplyControlHandler(handler: u32): bool {
  return handler == HANDLER_SUPPLY_DISCONNECT || handler == HANDLER_SUPPLY_RECONNECT || handler == HANDLER_EMERGENCY_CREDIT_INVOKE;
}

/** GET class 70 a3 control_state (ECS45). */
export function putSupplyControlState(slot: u32): u8 {
  if (!room(2)) return RESULT_OTHER_REASON;
  const state = supplyState(slot);
  putU8(AXDR_ENUM);
  putU8(state == SUPPLY_ENABLED ? CONTROL_STATE_CONNECTED : state == SUPPLY_ARMED ? CONTROL_STATE_READY_FOR_RECONNECTION : CONTROL_STATE_DISCONNECTED);
  return RESULT_SUCCESS;
}

function isEmptyParameter(param: usize, paramEnd: usize): bool {
  const n = paramEnd - param;
  if (n == 1) return load<u8>(param) == AXDR_NULL;
  return n == 2 && load<u8>(param) == AXDR_INTEGER && load<u8>(param + 1) == 0;
}
