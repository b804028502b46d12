import { loadLimitIncrement } from '../ledger/load-limit';
import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device, refusalRule, REFUSAL_RULES_MAX } from './context';
import { storeValue } from '../cosem/store';
import { axdrEnd } from '../dlms/axdr-walk';
import { PARSED_BASE, PARSED_BYTES } from '../envelope/scratch';
import { esmeLocalInput } from '../esme/local-input';
import { gsmeLocalInput, LOCAL_GSME_FIRST, LOCAL_GSME_LAST } from '../gsme/local-input';
import { hanLocalInput, LOCAL_HAN_FIRST } from '../chf/local-input';
import { hanDeviceLocalInput, LOCAL_HAN_DEVICE_FIRST, LOCAL_HAN_DEVICE_LAST } from '../han-devices/local-input';
import { firmwareLocalInput, LOCAL_FIRMWARE_FIRST, LOCAL_FIRMWARE_LAST } from './firmware-input';
import { DEVICE_TYPE_ESME } from './types';
import { ledgerLocalInput, LOCAL_LEDGER_FIRST, LOCAL_LEDGER_LAST, setValue, settle } from '../ledger/local-input';
import { readyLedger, ledgerStoreChanged } from '../ledger/config';
import { chargeConsumption } from '../ledger/ledger';
import { ledgerRegisterOf } from '../ledger/registers';
import { supplyOn } from '../ledger/supply';
import { integrate } from '../tariff/tariff';
import { loadU32BE } from '../bytes';
import { RESULT_SUCCESS } from '../cosem/results';

// Physical and installer inputs on CHANNEL_LOCAL (host-made, little-endian; host/local-inputs.ts
// is the encoder and documents each kind). Each is validated whole before it changes anything.

export const LOCAL_CONSUMPTION: u8 = 1;
export const LOCAL_SET_ATTRIBUTE: u8 = 2;
export const LOCAL_REFUSAL_RULE: u8 = 3;
export const LOCAL_CLEAR_REFUSALS: u8 = 4;
export const LOCAL_SET_CLOCK: u8 = 5;
export const LOCAL_SET_ALERT_COUNTER: u8 = 6;
const SET_ALERT_COUNTER_BYTES: u32 = 9;
const CONSUMPTION_BYTES: u32 = 17;
const SET_ATTRIBUTE_HEADER_BYTES: u32 = 10;
const REFUSAL_RULE_BYTES_IN: u32 = 14;
const SET_CLOCK_BYTES: u32 = 9;
const SIZE_CELL: usize = PARSED_BASE + PARSED_BYTES - 16;

export function applyLocalInput(slot: u32, length: u32): Status {
  if (length < 1) return Status.BAD_LENGTH;
  const kind = load<u8>(INBOX_BASE);
  if (kind == LOCAL_CONSUMPTION) return consumption(slot, length);
  if (kind == LOCAL_SET_ATTRIBUTE) return setAttribute(slot, length);
  if (kind == LOCAL_REFUSAL_RULE) return addRefusalRule(slot, length);
  if (kind == LOCAL_CLEAR_REFUSALS) {
    if (length != 1) return Status.BAD_LENGTH;
    device(slot).refusalRuleCount = 0;
    return Status.OK;
  }
  if (kind == LOCAL_SET_CLOCK) {
    if (length != SET_CLOCK_BYTES) return Status.BAD_LENGTH;
    const utcS = load<f64>(INBOX_BASE + 1);
    if (utcS != Math.floor(utcS) || utcS < 0 || utcS > 9007199254740991) return Status.BAD_INPUT;
    device(slot).clockS = <i64>utcS;
    return Status.OK;
  }
  if (kind == LOCAL_SET_ALERT_COUNTER) {
    // The last alert counter used (GBCS 2.1: the next alert carries this + 1).
    if (length != SET_ALERT_COUNTER_BYTES) return Status.BAD_LENGTH;
    device(slot).alertCounter = load<u64>(INBOX_BASE + 1);
    return Status.OK;
  }
  if (kind >= LOCAL_LEDGER_FIRST && kind <= LOCAL_LEDGER_LAST) return ledgerLocalInput(slot, kind, length); // prepayment (ledger/)
  if (kind >= LOCAL_GSME_FIRST && kind <= LOCAL_GSME_LAST) return gsmeLocalInput(slot, kind, length); // GSME, GPF (kinds 48-52)
  if (kind >= LOCAL_HAN_DEVICE_FIRST && kind <= LOCAL_HAN_DEVICE_LAST) return hanDeviceLocalInput(slot, kind, length); // PPMID keypad, IHD (44-45)
  if (kind >= LOCAL_FIRMWARE_FIRST && kind <= LOCAL_FIRMWARE_LAST) return firmwareLocalInput(slot, kind, length); // images (devices 9)
  if (kind >= LOCAL_HAN_FIRST) return hanLocalInput(slot, kind, length); // CHF, PPMID, HCALCS (kinds 32 and up)
  return esmeLocalInput(slot, kind, length); // device-type inputs (kinds 16 and up); BAD_INPUT for the rest
}

function consumption(slot: u32, length: u32): Status {
  if (length != CONSUMPTION_BYTES) return Status.BAD_LENGTH;
  const importWh = load<i32>(INBOX_BASE + 1);
  const exportWh = load<i32>(INBOX_BASE + 5);
  const importVarh = load<i32>(INBOX_BASE + 9);
  const exportVarh = load<i32>(INBOX_BASE + 13);
  // Registers only count up (devices 2.1); a negative increment is a host error, refused whole.
  if (importWh < 0 || exportWh < 0 || importVarh < 0 || exportVarh < 0) return Status.BAD_INPUT;
  const d = device(slot);
  // devices 4.4: no energy flows while the ESME's supply is not ENABLED.
  if (d.deviceType == DEVICE_TYPE_ESME && !supplyOn(slot)) return Status.OK;
  if (d.deviceType == DEVICE_TYPE_ESME) {
    // devices 0.3 / 4.4: an increment delivered now is priced with the tariff then current.
    const l = readyLedger(slot);
    if (l == null) return Status.OUT_OF_MEMORY;
    chargeConsumption(slot, l, integrate(l, <i64>importWh, d.clockS), d.clockS);
    loadLimitIncrement(slot, l, <i64>importWh, d.clockS); // devices 5.3, after the charge (0.3 step 6)
  }
  d.importActiveWh += importWh;
  d.exportActiveWh += exportWh;
  d.importReactiveVarh += importVarh;
  d.exportReactiveVarh += exportVarh;
  return Status.OK;
}

// classId u16 | OBIS 6 | attribute u8 | one A-XDR value (exactly)
function setAttribute(slot: u32, length: u32): Status {
  if (length <= SET_ATTRIBUTE_HEADER_BYTES) return Status.BAD_LENGTH;
  const value = INBOX_BASE + SET_ATTRIBUTE_HEADER_BYTES;
  const end = INBOX_BASE + length;
  if (axdrEnd(value, end, SIZE_CELL) != end) return Status.BAD_INPUT;
  const classId = <u32>load<u16>(INBOX_BASE + 1);
  const member = <u32>load<u8>(INBOX_BASE + 9);
  const register = ledgerRegisterOf(classId, INBOX_BASE + 3, member);
  if (register != 0) return installLedgerRegister(slot, register, value, <u32>(end - value));
  const status = storeValue(slot, classId, INBOX_BASE + 3, member, value, <u32>(end - value));
  if (status != Status.OK || device(slot).deviceType != DEVICE_TYPE_ESME) return status;
  // Installation: the ledger re-reads its configuration now and settles without alerts.
  ledgerStoreChanged(slot);
  const l = readyLedger(slot, true);
  if (l == null) return Status.OUT_OF_MEMORY;
  settle(slot, l, device(slot).clockS);
  return Status.OK;
}

// A prepayment register written at installation (the reference profile, R.2) sets the ledger,
// which serves its reads (ledger/registers.ts). Its value is a double-long.
function installLedgerRegister(slot: u32, register: u32, value: usize, length: u32): Status {
  if (length != 5 || (load<u8>(value) != 0x05 && load<u8>(value) != 0x06)) return Status.BAD_INPUT;
  const amount = load<u8>(value) == 0x05 ? <i64><i32>loadU32BE(value + 1) : <i64>loadU32BE(value + 1);
  if (register != 1 && amount < 0) return Status.BAD_INPUT;
  const l = readyLedger(slot, true);
  if (l == null) return Status.OUT_OF_MEMORY;
  setValue(slot, l, register, amount);
  settle(slot, l, device(slot).clockS);
  assert(RESULT_SUCCESS == 0);
  return Status.OK;
}

// messageCode u16 | kind u8 | classId u16 | OBIS 6 | member u8 | result u8
function addRefusalRule(slot: u32, length: u32): Status {
  if (length != REFUSAL_RULE_BYTES_IN) return Status.BAD_LENGTH;
  const kind = load<u8>(INBOX_BASE + 3);
  if (kind < 1 || kind > 5) return Status.BAD_INPUT; // 1 GET, 2 SET, 3 ACTION (DLMS items), 4 COMPONENT (GBZ, gsme/refusals.ts), 5 CREDENTIALS (credentials/update.ts)
  const d = device(slot);
  if (d.refusalRuleCount >= REFUSAL_RULES_MAX) return Status.TABLE_FULL;
  const rule = refusalRule(slot, d.refusalRuleCount);
  rule.messageCode = load<u16>(INBOX_BASE + 1);
  rule.kind = kind;
  rule.classId = load<u16>(INBOX_BASE + 4);
  rule.obisHigh = bswap<u32>(load<u32>(INBOX_BASE + 6));
  rule.obisLow = bswap<u16>(load<u16>(INBOX_BASE + 10));
  rule.member = load<u8>(INBOX_BASE + 12);
  rule.result = load<u8>(INBOX_BASE + 13);
  d.refusalRuleCount++;
  return Status.OK;
}
