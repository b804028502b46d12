import { MESSAGE_CODES } from '../gbcs/tables/message-codes.js';
import { fromHex } from '../gbcs/crypto/bytes.js';

// Encoders of the LOCAL-channel inputs (assembly/device/local-input.ts): physical or installer
// actions on a device, made by the host, never by a remote party. Little-endian host formats.
//
//   1 CONSUMPTION    importActiveWh i32 | exportActiveWh i32 | importReactiveVarh i32 | exportReactiveVarh i32
//   2 SET_ATTRIBUTE  classId u16 | OBIS 6 bytes | attribute u8 | A-XDR value (rest): writes the object store
//                    directly (device profile at installation, e.g. devices.md Appendix R)
//   3 REFUSAL_RULE   messageCode u16 (0 = any) | kind u8 (1 GET, 2 SET, 3 ACTION) | classId u16 | OBIS 6 |
//                    attribute-or-method u8 | result u8: the device refuses that item with `result`
//                    (devices.md 1.3 device-side failure; ARCHITECTURE.md principle 6)
//   4 CLEAR_REFUSALS (no body)
//   5 SET_CLOCK      utcS f64 (whole seconds): the device clock, independent of host time afterwards
//   6 SET_ALERT_COUNTER counter u64: the last alert counter used; the next alert carries counter + 1
// ESME only (assembly/esme/local-input.ts):
//  16 SET_ELEMENTS    elementCount u8 (1 single element, 2 twin element; devices 2 variants)
//  17 ELEMENT2_CONSUMPTION importActiveWh i32: energy through the secondary element of a twin meter
//  18 TRUST_ANCHOR    role u8 | cellId u8 (1 = prepayment KA) | sequenceNumber u32 | DER certificate: installs a
//                     trust-anchor cell (GBCS 4.7) and sets the role's credential sequence number (CS02a/b)
//  19 DEVICE_LOG_ENTRY eui u64 BE | deviceType u8 (GBCS 7): a HAN device joined to the meter (CS03A1/CS04AC)
//  20 SCRIPT_ALERT    alertCode u16 | messageCode u16 | critical u8 | recipientRole u8 | supplementaryEui u64 BE
//                     (0 = none) | supplementaryCounter u64 BE (0 = none) | itemCount u8 | A-XDR items: a scripted
//                     device event's DLMS alert (devices R.12, Appendix S); ESME, CHF, PPMID, HCALCS, SAPC
//  21 POWER_EVENT     every device type; the kind is exported as LOCAL_POWER_EVENT (host/world/power.ts)
// Prepayment meters (assembly/ledger/local-input.ts; ESME, GSME):
//  24 UTRN_KEYPAD     20 ASCII digits: a UTRN typed on the meter (devices 4.11 local entry)
//  25 BUTTON          the consumer's button (devices 4.8, 5.2)
//  26 LEDGER_SET      register u8 (LEDGER_VALUE) | value i64: installation / test set-up of one ledger value
//  27 NDC             switchCount u8 | specialDayCount u8 | switches 16 bytes each | special days 4 bytes each
// HAN devices (assembly/chf/local-input.ts; CHF, PPMID, HCALCS):
//  32 HAN_LOG_ENTRY   list u8 (0 device log, 1 CHF historic log) | eui u64 BE | deviceType u8 (GBCS 7) |
//                     hasKey u8 | keyHash 16 | lastCommS u32 (0xFFFFFFFF never) | HAN status 12 bytes:
//                     installer / profile state (a CHF log entry, or a PPMID / HCALCS binding); no alert
//  33 HAN_JOIN        eui u64 BE | keyHash 16: a device completes joining the CHF's SMHAN (CCS01 join
//                     window); the CHF records the hash and sends CS14 0x8F12, or refuses (BAD_INPUT)
//  34 HAN_NETWORK     panId u64 BE: the extended PAN ID of the SMHAN the CHF formed
//  35 FIRMWARE_ACTIVATED 09 | versionBytes u8 (1..32) | version: the PPMID activated a new firmware image; it
//                     reports the version (CS08) and sends CS09 0x8F8B to the ACB (devices 8.3, NA_CS09)

export const LOCAL_INPUT = {
  CONSUMPTION: 1,
  SET_ATTRIBUTE: 2,
  REFUSAL_RULE: 3,
  CLEAR_REFUSALS: 4,
  SET_CLOCK: 5,
  SET_ALERT_COUNTER: 6,
  SET_ELEMENTS: 16,
  ELEMENT2_CONSUMPTION: 17,
  TRUST_ANCHOR: 18,
  DEVICE_LOG_ENTRY: 19,
  SCRIPT_ALERT: 20,
  UTRN_KEYPAD: 24,
  BUTTON: 25,
  LEDGER_SET: 26,
  NDC: 27,
  TAMPER: 28,
  HAN_LOG_ENTRY: 32,
  HAN_JOIN: 33,
  HAN_NETWORK: 34,
  FIRMWARE_ACTIVATED: 35,
} as const;

/** CREDENTIALS: every replacement of a CS02b / CS02g fails with `result` (assembly/credentials/update.ts; the target is unused). */
/** COMPONENT: a GBZ component (GSME, GPF): classId = cluster, member = command id, OBIS bytes 4-5 = attribute id (FFFF whole component), result = ZCL status; host/gsme-inputs.ts. */
export const ITEM_KIND = { GET: 1, SET: 2, ACTION: 3, COMPONENT: 4, CREDENTIALS: 5 } as const;
export type ItemKind = keyof typeof ITEM_KIND;

/** A COSEM attribute or method: class id, OBIS as 'A-B:C.D.E.F', attribute/method id. */
export interface CosemTarget {
  classId: number;
  obis: string;
  member: number;
}

export function obisBytes(obis: string): Uint8Array {
  const m = /^(\d+)-(\d+):(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(obis);
  if (!m) throw new RangeError(`OBIS must look like A-B:C.D.E.F, got '${obis}'`);
  const bytes = m.slice(1).map(Number);
  if (bytes.some((b) => b > 255)) throw new RangeError(`OBIS fields are bytes: '${obis}'`);
  return Uint8Array.from(bytes);
}

export function consumptionInput(importActiveWh: number, exportActiveWh = 0, importReactiveVarh = 0, exportReactiveVarh = 0): Uint8Array {
  const bytes = new Uint8Array(17);
  const view = new DataView(bytes.buffer);
  bytes[0] = LOCAL_INPUT.CONSUMPTION;
  view.setInt32(1, importActiveWh, true);
  view.setInt32(5, exportActiveWh, true);
  view.setInt32(9, importReactiveVarh, true);
  view.setInt32(13, exportReactiveVarh, true);
  return bytes;
}

export function setAttributeInput(target: CosemTarget, axdrValue: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(10 + axdrValue.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = LOCAL_INPUT.SET_ATTRIBUTE;
  view.setUint16(1, target.classId, true);
  bytes.set(obisBytes(target.obis), 3);
  bytes[9] = target.member;
  bytes.set(axdrValue, 10);
  return bytes;
}

export interface RefusalRule {
  /** GBCS message code the rule applies to; 0 = every use case. */
  messageCode: number;
  kind: ItemKind;
  target: CosemTarget;
  /** data-access-result / action-result to answer (GBCS 5.2; the reference ESME uses 1). */
  result: number;
}

export function refusalRuleInput(rule: RefusalRule): Uint8Array {
  const bytes = new Uint8Array(14);
  const view = new DataView(bytes.buffer);
  bytes[0] = LOCAL_INPUT.REFUSAL_RULE;
  view.setUint16(1, rule.messageCode, true);
  bytes[3] = ITEM_KIND[rule.kind];
  view.setUint16(4, rule.target.classId, true);
  bytes.set(obisBytes(rule.target.obis), 6);
  bytes[12] = rule.target.member;
  bytes[13] = rule.result;
  return bytes;
}

export function clearRefusalsInput(): Uint8Array {
  return Uint8Array.of(LOCAL_INPUT.CLEAR_REFUSALS);
}

export function setClockInput(utcS: number): Uint8Array {
  if (!Number.isSafeInteger(utcS)) throw new RangeError('clock must be whole UTC seconds');
  const bytes = new Uint8Array(9);
  bytes[0] = LOCAL_INPUT.SET_CLOCK;
  new DataView(bytes.buffer).setFloat64(1, utcS, true);
  return bytes;
}

export function setAlertCounterInput(lastUsed: bigint): Uint8Array {
  if (lastUsed < 0n || lastUsed >= 1n << 64n) throw new RangeError('alert counter is a u64');
  const bytes = new Uint8Array(9);
  bytes[0] = LOCAL_INPUT.SET_ALERT_COUNTER;
  new DataView(bytes.buffer).setBigUint64(1, lastUsed, true);
  return bytes;
}

export function setElementsInput(elementCount: 1 | 2): Uint8Array {
  return Uint8Array.of(LOCAL_INPUT.SET_ELEMENTS, elementCount);
}

export function element2ConsumptionInput(importActiveWh: number): Uint8Array {
  const bytes = new Uint8Array(5);
  bytes[0] = LOCAL_INPUT.ELEMENT2_CONSUMPTION;
  new DataView(bytes.buffer).setInt32(1, importActiveWh, true);
  return bytes;
}

/** A device-log entry as HAN_LOG_ENTRY writes it (class 104 a4 fields in `hanStatus`, 12 bytes). */
export interface HanLogEntry {
  /** 'device' = the CHF device log (or a PPMID / HCALCS binding), 'historic' = the CHF historic log. */
  list: 'device' | 'historic';
  eui: string;
  /** GBCS 7: 0 GSME, 1 ESME, 2 CHF, 3 GPF, 4 HCALCS, 5 PPMID, 6 type 2. */
  deviceType: number;
  /** 16 bytes, or undefined when no TC link key is established. */
  keyHash?: Uint8Array;
  /** UTC seconds of the last communication; undefined = never. */
  lastCommS?: number;
  /** status bit-string, RSSI max/avg/min (signed), LQI max/avg/min, hops, failures, successes, application and stack version. */
  hanStatus?: readonly number[];
}

const HAN_STATUS_BYTES = 12;
const KEY_HASH_BYTES = 16;
const NEVER_COMMUNICATED = 0xffffffff;

function euiBytes(eui: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{16}$/.test(eui)) throw new RangeError(`EUI must be 16 hex digits, got '${eui}'`);
  return Uint8Array.from(eui.match(/../g)!.map((b) => parseInt(b, 16)));
}

export function hanLogEntryInput(entry: HanLogEntry): Uint8Array {
  const bytes = new Uint8Array(1 + 1 + 8 + 1 + 1 + KEY_HASH_BYTES + 4 + HAN_STATUS_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[0] = LOCAL_INPUT.HAN_LOG_ENTRY;
  bytes[1] = entry.list === 'historic' ? 1 : 0;
  bytes.set(euiBytes(entry.eui), 2);
  bytes[10] = entry.deviceType;
  if (entry.keyHash !== undefined) {
    if (entry.keyHash.length !== KEY_HASH_BYTES) throw new RangeError('a link-key hash is 16 bytes');
    bytes[11] = 1;
    bytes.set(entry.keyHash, 12);
  }
  view.setUint32(28, entry.lastCommS ?? NEVER_COMMUNICATED, true);
  const status = entry.hanStatus ?? [];
  if (status.length > HAN_STATUS_BYTES) throw new RangeError('HAN status has 12 fields');
  status.forEach((v, i) => { bytes[32 + i] = v & 0xff; });
  return bytes;
}

export function hanJoinInput(eui: string, keyHash: Uint8Array): Uint8Array {
  if (keyHash.length !== KEY_HASH_BYTES) throw new RangeError('a link-key hash is 16 bytes');
  const bytes = new Uint8Array(1 + 8 + KEY_HASH_BYTES);
  bytes[0] = LOCAL_INPUT.HAN_JOIN;
  bytes.set(euiBytes(eui), 1);
  bytes.set(keyHash, 9);
  return bytes;
}

export function hanNetworkInput(panId: string): Uint8Array {
  const bytes = new Uint8Array(9);
  bytes[0] = LOCAL_INPUT.HAN_NETWORK;
  bytes.set(euiBytes(panId), 1);
  return bytes;
}

export function trustAnchorInput(role: number, cellId: number, sequenceNumber: number, certificateDer: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(7 + certificateDer.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = LOCAL_INPUT.TRUST_ANCHOR;
  bytes[1] = role;
  bytes[2] = cellId;
  view.setUint32(3, sequenceNumber, true);
  bytes.set(certificateDer, 7);
  return bytes;
}

export function deviceLogEntryInput(eui: string, deviceType: number): Uint8Array {
  if (!/^[0-9A-Fa-f]{16}$/.test(eui)) throw new RangeError(`EUI-64 must be 16 hex digits, got '${eui}'`);
  const bytes = new Uint8Array(10);
  bytes[0] = LOCAL_INPUT.DEVICE_LOG_ENTRY;
  new DataView(bytes.buffer).setBigUint64(1, BigInt(`0x${eui}`));
  bytes[9] = deviceType;
  return bytes;
}

/** Ledger values LEDGER_SET sets (assembly/ledger/local-input.ts). */
export const LEDGER_VALUE = {
  METER_BALANCE: 1, EC_BALANCE: 2, ACCUMULATED_DEBT: 3, TIME_DEBT_1: 4, TIME_DEBT_2: 5, PAYMENT_DEBT: 6, EC_LIMIT: 7,
  EC_THRESHOLD: 8, LOW_CREDIT_THRESHOLD: 9, DISABLEMENT_THRESHOLD: 10, MAX_METER_BALANCE: 11, MAX_CREDIT_THRESHOLD: 12,
  CAP_AMOUNT: 13, CAP_PERIOD: 14, DEBT_RECOVERY_PER_PAYMENT: 15, DEBT_RATE_1: 16, DEBT_SCALE_1: 17, DEBT_PERIOD_1: 18,
  DEBT_RATE_2: 19, DEBT_SCALE_2: 20, DEBT_PERIOD_2: 21, PAYMENT_MODE: 22, SUSPEND_DEBT_DISABLED: 23,
  SUSPEND_DEBT_EMERGENCY: 24, CAP_USED: 25, SUPPLY: 26, LOW_LATCHED: 27,
} as const;
/** Debt-recovery and cap periods of LEDGER_SET (assembly/ledger/state.ts PERIOD_*). */
export const LEDGER_PERIOD = { NONE: 0, HOURLY: 1, DAILY: 2, WEEKLY: 3, MONTHLY: 4 } as const;

export function utrnKeypadInput(utrn: string): Uint8Array {
  if (utrn.length !== 20) throw new RangeError(`a UTRN has 20 characters, got ${utrn.length}`);
  const bytes = new Uint8Array(21);
  bytes[0] = LOCAL_INPUT.UTRN_KEYPAD;
  for (let i = 0; i < 20; i++) bytes[1 + i] = utrn.charCodeAt(i) & 0xff;
  return bytes;
}

export function buttonInput(): Uint8Array {
  return Uint8Array.of(LOCAL_INPUT.BUTTON);
}

/** A tamper event on the ESME (assembly/ledger/tamper.ts): one of the tamper alert codes of devices 10.3 (0x8F74 meter cover removed …). */
export function tamperInput(alertCode: number): Uint8Array {
  return Uint8Array.of(LOCAL_INPUT.TAMPER, alertCode & 0xff, alertCode >> 8);
}

export function ledgerSetInput(register: number, value: bigint): Uint8Array {
  const bytes = new Uint8Array(10);
  bytes[0] = LOCAL_INPUT.LEDGER_SET;
  bytes[1] = register;
  new DataView(bytes.buffer).setBigInt64(2, value, true);
  return bytes;
}

export interface NdcSwitch {
  /** Second of the UTC day. */
  timeOfDayS: number;
  script: 'START' | 'STOP';
  /** Bit 0 = Monday … bit 6 = Sunday. */
  weekdays: number;
  onSpecialDays: boolean;
  /** Validity as day numbers since 1970-01-01 (inclusive). */
  firstDay: number;
  lastDay: number;
}

export function ndcInput(switches: readonly NdcSwitch[], specialDays: readonly { year?: number; month: number; day: number }[] = []): Uint8Array {
  const bytes = new Uint8Array(3 + switches.length * 16 + specialDays.length * 4);
  const view = new DataView(bytes.buffer);
  bytes[0] = LOCAL_INPUT.NDC;
  bytes[1] = switches.length;
  bytes[2] = specialDays.length;
  switches.forEach((s, i) => {
    const o = 3 + i * 16;
    view.setUint32(o, s.timeOfDayS, true);
    bytes[o + 4] = s.script === 'START' ? 1 : 2;
    bytes[o + 5] = s.weekdays;
    bytes[o + 6] = s.onSpecialDays ? 1 : 0;
    view.setInt32(o + 8, s.firstDay, true);
    view.setInt32(o + 12, s.lastDay, true);
  });
  specialDays.forEach((d, i) => {
    const o = 3 + switches.length * 16 + i * 4;
    view.setUint16(o, d.year ?? 0xffff, true);
    bytes[o + 2] = d.month;
    bytes[o + 3] = d.day;
  });
  return bytes;
}

/**
 * SCRIPT_ALERT (assembly/alerts/scripted.ts): the device raises `alertCode` now with these A-XDR
 * items after the code and time (devices R.12 scripted events). Criticality comes from the
 * message-code table, so a signed or MACed alert is what GBCS says it is.
 */
export function scriptAlertInput(
  alertCode: number, messageCode: number, recipientRole: number, items: readonly Uint8Array[], supplementaryEui?: string, supplementaryCounter?: bigint,
): Uint8Array {
  const row = MESSAGE_CODES.find((r) => r.code === messageCode);
  if (row === undefined) throw new RangeError(`message code 0x${messageCode.toString(16)} is not in GBCS 3`);
  const body = items.reduce((n, item) => n + item.length, 0);
  const bytes = new Uint8Array(24 + body);
  const view = new DataView(bytes.buffer);
  bytes[0] = LOCAL_INPUT.SCRIPT_ALERT;
  view.setUint16(1, alertCode, true);
  view.setUint16(3, messageCode, true);
  bytes[5] = row.critical ? 1 : 0;
  bytes[6] = recipientRole;
  if (supplementaryEui !== undefined) view.setBigUint64(7, BigInt(`0x${supplementaryEui}`));
  if (supplementaryCounter !== undefined) view.setBigUint64(15, supplementaryCounter);
  bytes[23] = items.length;
  let p = 24;
  for (const item of items) {
    bytes.set(item, p);
    p += item.length;
  }
  return bytes;
}

/** FIRMWARE_ACTIVATED: the PPMID activated the image of `versionHex` (1-32 bytes). */
export function firmwareActivatedInput(versionHex: string): Uint8Array {
  const version = fromHex(versionHex);
  if (version.length < 1 || version.length > 32) throw new RangeError(`a firmware version is 1-32 bytes of hex, got '${versionHex}'`);
  return Uint8Array.of(LOCAL_INPUT.FIRMWARE_ACTIVATED, 0x09, version.length, ...version);
}
