import { encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import type { CosemTarget } from '../local-inputs.js';

// The reference ESME profile (devices.md Appendix R) as data: the attribute values devices.md
// states for the reference meter 00DB1234567890A0 (R.1 identity, clock, supply; R.2 prepayment;
// R.3 tariff values given in full; R.4 registers, demand, power, voltage; R.7 alert
// configuration; R.8 auxiliary load control), each written into the object store by a LOCAL
// SET_ATTRIBUTE input, and the per-folder overrides of R.10. Values are A-XDR built from the
// spec's numbers with the encoder of gbcs/payload/axdr.ts. Values devices.md does not give in
// full (the synthetic logs of R.5, the price matrix, calendars, the credit/charge configuration:
// "full values in the files", R.12) are not here: host/profiles/reference-preload.ts reads them at
// run time from the folder's reference SUCCESS response. The energy registers of R.4 are set
// through the CONSUMPTION input (host/conformance/profile.ts), not here.

export interface ProfileValue {
  target: CosemTarget;
  value: AxdrData;
  /** devices.md section the value comes from. */
  source: string;
}

// ---- a small A-XDR vocabulary (GBCS 5.3) -----------------------------------------------------
const u8 = (value: number): AxdrData => ({ type: 'unsigned', value });
const u16 = (value: number): AxdrData => ({ type: 'long-unsigned', value });
const i8 = (value: number): AxdrData => ({ type: 'integer', value });
const i16 = (value: number): AxdrData => ({ type: 'long', value });
const u32 = (value: number): AxdrData => ({ type: 'double-long-unsigned', value });
const i32 = (value: number): AxdrData => ({ type: 'double-long', value });
const enumOf = (value: number): AxdrData => ({ type: 'enum', value });
const TRUE: AxdrData = { type: 'boolean', value: true };
const os = (hex: string): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(Buffer.from(hex, 'hex')) });
const ascii = (text: string): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(Buffer.from(text, 'latin1')) });
const visible = (text: string): AxdrData => ({ type: 'visible-string', value: text });
const utf8 = (text: string): AxdrData => ({ type: 'utf8-string', value: Uint8Array.from(Buffer.from(text, 'utf8')) });
const bits = (hex: string): AxdrData => ({ type: 'bit-string', bitCount: hex.length * 4, value: Uint8Array.from(Buffer.from(hex, 'hex')) });
const struct = (...items: AxdrData[]): AxdrData => ({ type: 'structure', items });
const array = (...items: AxdrData[]): AxdrData => ({ type: 'array', items });

/** DLMS date-time octet-string of a UTC instant 'YYYY-MM-DDTHH:MM:SS': weekday FF, deviation 8000, status FF (R.1). */
function dateTime(iso: string): AxdrData {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/.exec(iso);
  if (!m) throw new RangeError(`date-time must be YYYY-MM-DDTHH:MM:SS, got '${iso}'`);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return { type: 'octet-string', value: Uint8Array.of(year >> 8, year & 0xff, month, day, 0xff, hour, minute, second, 0, 0x80, 0, 0xff) };
}

/** Class 113 unit charge with one price (R.2, R.3): {{commodity scaler, price scaler}, no commodity reference, [{index '', price}]}. */
function unitCharge(price: number): AxdrData {
  return struct(struct(i8(0), i8(PRICE_SCALER)), struct(u16(0), os('000000000000'), i8(0)), array(struct(os(''), i16(price))));
}

const PRICE_SCALER = -5; // money in 1/100 000 GBP (devices 0.2)
const UNIT_W = 27; // IEC 62056-62 units
const UNIT_COUNT = 255;
const UNIT_CURRENCY = 254;
const NOT_USED = 0xffffffff; // an unused block threshold (R.3)

function at(classId: number, obis: string, member: number, value: AxdrData, source: string): ProfileValue {
  return { target: { classId, obis, member }, value, source };
}

const scalerUnit = (scaler: number, unit: number): AxdrData => struct(i8(scaler), enumOf(unit));
const phaseValues = (phase: number, voltage: number, other: number): ProfileValue[] => [
  at(3, `1-0:${phase}.32.0.4`, 2, u32(voltage), 'R.4'),
  at(3, `1-0:${phase}.32.0.4`, 3, scalerUnit(0, UNIT_COUNT), 'R.4'),
  at(3, `1-0:${phase}.36.0.4`, 2, u32(other), 'R.4'),
  at(3, `1-0:${phase}.36.0.4`, 3, scalerUnit(0, UNIT_COUNT), 'R.4'),
  at(7, `1-0:${phase}.24.0.255`, 4, u32(3600), 'R.4'), // capture period: hourly
];
const thresholds = (first: number): AxdrData => array(u32(first), u32(NOT_USED), u32(NOT_USED));

export const REFERENCE_ESME_VALUES: readonly ProfileValue[] = [
  // R.1 identity, clock, supply
  at(1, '0-0:96.1.1.255', 2, os('00DB1234567890A0'), 'R.1'),
  at(1, '0-0:96.1.2.255', 2, ascii('B'), 'R.1'),
  at(1, '0-0:96.1.4.255', 2, ascii('ATGTypeX'), 'R.1'),
  at(1, '0-0:96.1.6.255', 2, ascii('CSW'), 'R.1'),
  at(1, '0-0:0.2.1.255', 2, os('0123ABCD'), 'R.1'),
  at(8, '0-0:1.0.0.255', 4, u8(0), 'R.1'),
  at(8, '0-0:1.0.0.255', 9, enumOf(5), 'R.1'),
  // R.1 supply connected (70/0-0:96.3.10.255 a3 = 1): ENABLED is the meter's initial supply state,
  // which ECS45 reads (esme/supply-control.ts); nothing to write.
  at(1, '0-0:94.44.0.4', 2, TRUE, 'R.1'),
  at(111, '0-0:19.0.0.255', 2, struct(enumOf(2), enumOf(2)), 'R.1'), // PREPAYMENT, active
  at(1, '0-0:94.44.34.11', 2, ascii('1312345678111'), 'R.1'), // SINGLE (R.10: TWIN concatenates two)
  at(1, '1-0:0.0.2.255', 2, ascii('1312345678333'), 'R.1'),
  at(1, '0-0:94.44.0.0', 2, u16(200), 'R.1'),
  at(1, '0-0:94.44.0.1', 2, u16(1000), 'R.1'),
  at(1, '0-0:94.44.0.2', 2, u16(2000), 'R.1'),
  at(22, '0-0:15.0.0.255', 4, array(struct(os('0C000000'), os('FFFFFF01FF'))), 'R.1'), // 12:00 on day 1 of every month
  // R.2 prepayment: the six registers of ECS19, then the configuration read by ECS26a
  at(112, '0-0:19.10.0.255', 2, i32(250_000), 'R.2'), // meter balance
  at(112, '0-0:19.10.1.255', 2, i32(95_000), 'R.2'), // emergency credit balance
  at(112, '0-0:19.10.2.255', 2, i32(187_000), 'R.2'), // accumulated debt
  at(113, '0-0:19.20.3.255', 12, i32(203_000), 'R.2'), // payment debt
  at(113, '0-0:19.20.1.255', 12, i32(243_000), 'R.2'), // time debt 1
  at(113, '0-0:19.20.2.255', 12, i32(46_000), 'R.2'), // time debt 2
  at(113, '0-0:19.20.1.255', 5, unitCharge(5000), 'R.2'),
  at(113, '0-0:19.20.2.255', 5, unitCharge(6000), 'R.2'),
  at(113, '0-0:19.20.1.255', 8, u32(86_400), 'R.2'),
  at(113, '0-0:19.20.2.255', 8, u32(86_400), 'R.2'),
  at(113, '0-0:19.20.3.255', 13, u16(5000), 'R.2'),
  at(9000, '0-0:94.44.2.10', 2, i32(5_000_000), 'R.2'), // maximum credit threshold
  at(21, '0-0:16.0.1.255', 2, array(i32(-500_000)), 'R.2'), // disablement threshold
  at(9000, '0-0:94.44.2.20', 2, i32(10_000_000), 'R.2'), // maximum meter balance
  at(111, '0-0:19.0.0.255', 16, i32(500_000), 'R.2'), // low credit threshold
  at(111, '0-0:19.0.0.255', 18, u16(10_000), 'R.2'), // debt-recovery cap amount
  at(111, '0-0:19.0.0.255', 19, i32(604_800), 'R.2'), // cap period: weekly
  at(112, '0-0:19.10.1.255', 9, i32(2_500_000), 'R.2'), // emergency credit limit
  at(112, '0-0:19.10.1.255', 10, i32(100_000), 'R.2'), // emergency credit threshold
  at(11, '0-0:11.0.2.255', 2, array( // non-disablement special days
    struct(u16(1), os('FFFF0C19FF'), u8(1)), struct(u16(2), os('FFFF0C1AFF'), u8(2)),
    struct(u16(3), os('07DF0405FF'), u8(3)), struct(u16(4), os('07DF0403FF'), u8(4))), 'R.2'),
  // R.3 tariff values given in full
  at(3, '0-0:94.44.1.7', 2, u32(1), 'R.3'),
  at(3, '0-0:94.44.1.7', 3, scalerUnit(PRICE_SCALER, UNIT_CURRENCY), 'R.3'),
  at(3, '0-0:94.44.1.8', 2, u32(10_000), 'R.3'),
  at(3, '0-0:94.44.1.8', 3, scalerUnit(PRICE_SCALER, UNIT_CURRENCY), 'R.3'),
  at(11, '0-0:11.0.0.255', 2, array(struct(u16(1), os('07DF0501FF'), u8(2)), struct(u16(2), os('07DF0C19FF'), u8(2))), 'R.3'),
  at(21, '0-0:16.0.11.255', 2, thresholds(10_000), 'R.3'),
  at(21, '0-0:16.0.12.255', 2, thresholds(10_000), 'R.3'),
  ...[13, 14, 15, 16, 17, 18].map((tou) => at(21, `0-0:16.0.${tou}.255`, 2, thresholds(NOT_USED), 'R.3')),
  at(9000, '0-0:94.44.2.0', 2, TRUE, 'R.3'), // currency unit: GBP
  at(113, '0-0:19.20.4.255', 5, unitCharge(20_000), 'R.3'), // standing charge per day
  // R.4 demand, power, voltage
  at(1, '0-0:94.44.34.20', 2, struct(u32(10), scalerUnit(0, UNIT_W), u32(10)), 'R.4'),
  at(4, '1-0:1.6.0.255', 2, u32(4775), 'R.4'),
  at(4, '1-0:1.6.0.255', 3, scalerUnit(0, UNIT_W), 'R.4'),
  at(4, '1-0:1.6.0.255', 5, dateTime('2014-12-31T09:30:00'), 'R.4'),
  at(4, '1-0:1.6.1.255', 2, u32(12_122), 'R.4'),
  at(4, '1-0:1.6.1.255', 3, scalerUnit(0, UNIT_W), 'R.4'),
  at(4, '1-0:1.6.1.255', 5, dateTime('2014-12-31T11:30:00'), 'R.4'),
  at(4, '1-0:2.6.0.255', 2, u32(4775), 'R.4'),
  at(4, '1-0:2.6.0.255', 3, scalerUnit(0, UNIT_W), 'R.4'),
  at(4, '1-0:2.6.0.255', 5, dateTime('2014-12-30T20:37:00'), 'R.4'),
  at(1, '0-0:94.44.5.0', 2, dateTime('2014-12-31T00:00:00'), 'R.4'),
  at(1, '0-0:94.44.5.1', 2, dateTime('2014-12-31T00:00:00'), 'R.4'),
  at(1, '0-0:94.44.5.2', 2, dateTime('2014-12-31T00:00:00'), 'R.4'),
  ...([[1, 287], [2, 180], [3, 216], [4, 253]] as const).flatMap(([n, volts]) => [
    at(71, `0-0:17.0.${n}.255`, 4, u32(volts), 'R.4'),
    at(71, `0-0:17.0.${n}.255`, 6, u32(30), 'R.4'),
  ]),
  at(1, '1-0:32.35.0.4', 2, u32(264), 'R.4'),
  at(1, '1-0:32.31.0.4', 2, u32(200), 'R.4'),
  ...phaseValues(32, 147, 239), // ECS23; ECS23b overrides (R.10)
  ...phaseValues(52, 224, 25),
  ...phaseValues(72, 84, 211),
  // R.7 alert and event configuration (256-bit states)
  at(1, '0-30:97.98.15.255', 2, bits('00000000000000337F0FFFF30000000800000000000000000000000002006000'), 'R.7'),
  at(1, '0-30:97.98.16.255', 2, bits('000000000000001000000C000000000000000100000000000000000002002000'), 'R.7'),
  at(1, '0-30:97.98.17.255', 2, bits('0'.repeat(64)), 'R.7'),
  at(1, '0-30:97.98.18.255', 2, bits('00000000000000737F0FFFFF0000000800000006003000200000000000000000'), 'R.7'),
  at(1, '0-33:97.98.15.255', 2, bits(`${'0'.repeat(56)}00300000`), 'R.7'),
  at(1, '0-33:97.98.18.255', 2, bits(`${'0'.repeat(56)}00300000`), 'R.7'),
  // R.8 auxiliary load control
  ...['ALCS_1', 'HCALCS_2', 'ALCS_3', 'ALCS_4', 'ALCS_5'].map((name, i) => at(1, `0-0:94.44.0.${11 + i}`, 2, visible(`${name}_Description`), 'R.8')),
  ...['0000000000000000', '00DB123456789097', '0000000000000000', '0000000000000000', '0000000000000000']
    .map((id, i) => at(1, `0-0:94.44.0.${21 + i}`, 2, os(id), 'R.8')),
  ...['{"outputState": 0, "inputState": 0}', '{"outputState": 0, "inputState": 0, "other-data": "StateA"}',
    '{"outputState": 100, "inputState": 0, "other-data": "StateA"}', '{}', '{"outputState": 100, "inputState": 100}']
    .map((state, i) => at(1, `0-0:94.44.0.${31 + i}`, 2, utf8(state), 'R.8')),
  ...[1, 2, 3, 4, 5].map((n) => at(70, `0-${n}:96.3.10.255`, 2, TRUE, 'R.8')),
  at(1, '0-0:94.44.7.255', 2, TRUE, 'R.8'),
  ...[1, 2, 3, 4, 5].map((n) => at(1, `0-0:94.44.6.${n}`, 2, TRUE, 'R.8')),
];

/** R.10: values that differ between reference folders, applied after the common profile. */
export const REFERENCE_ESME_FOLDER_OVERRIDES: Readonly<Record<string, readonly ProfileValue[]>> = {
  '6.2.4_ECS26m': [at(1, '0-0:96.1.6.255', 2, ascii('CSW '), 'R.10')],
  '4.10_ECS23b': [
    at(3, '1-0:32.32.0.4', 2, u32(81), 'R.10'),
    at(3, '1-0:32.36.0.4', 2, u32(15), 'R.10'),
  ],
  '7.15_ECS61e': ['1234567890ABCDEF', '0000000000000000', 'FF', '', '0000000000000000']
    .map((id, i) => at(1, `0-0:94.44.0.${21 + i}`, 2, os(id), 'R.10')),
};

/** R.1 / R.10: values of the TWIN variants (a twin-element meter), in every folder. */
export const REFERENCE_ESME_TWIN_OVERRIDES: readonly ProfileValue[] = [
  at(1, '0-0:94.44.34.11', 2, ascii('13123456781111312345678222'), 'R.1'), // both elements' MPANs concatenated
];

/** R.4: the secondary element's active import register of the TWIN variants (ECS17b TWIN). */
export const REFERENCE_ESME_ELEMENT2_IMPORT_WH = 10;

/** Whether a reference variant (SINGLE_SUCCESS, TWIN_SUCCESS, …) was recorded on a twin-element meter. */
export function isTwinVariant(variant: string): boolean {
  return variant.split('_').includes('TWIN');
}

/** The profile of one folder and variant: the common values with the overrides in their place. */
export function referenceEsmeValues(folderName: string, variant = ''): ProfileValue[] {
  const overrides = [...(isTwinVariant(variant) ? REFERENCE_ESME_TWIN_OVERRIDES : []), ...(REFERENCE_ESME_FOLDER_OVERRIDES[folderName] ?? [])];
  const key = (v: ProfileValue) => `${v.target.classId}/${v.target.obis}/${v.target.member}`;
  const replaced = new Set(overrides.map(key));
  return [...REFERENCE_ESME_VALUES.filter((v) => !replaced.has(key(v))), ...overrides];
}

export function encodeProfileValue(v: ProfileValue): Uint8Array {
  return encodeAxdr(v.value);
}
