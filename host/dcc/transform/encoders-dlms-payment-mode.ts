import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import type { DeviceRecord } from '../inventory.js';
import { childElements, localName } from '../xml/xml-tree.js';
import { accessRequest, AXDR, obisBytes, set, type AccessItem } from './dlms-request.js';
import { dlmsDateTime } from './encoders-dlms-logs.js';
import type { EncoderRow } from './types.js';

// SR 1.6 Update Payment Mode to credit on an ESME (GBCS 5.5, ECS02): the account (class 111
// 0-1:19.0.0.255) gets mode credit (attribute 2), the credit-charge configuration linking the
// meter balance to each charge it collects (attribute 11: primary element, standing charge, and
// on a twin-element ESME the secondary element) and the activation time (attribute 13, GBCS 9.3).
// ECS03 (to prepayment, no reference command) reuses the charge configuration: encoders-esme-prepay.ts.

export const ACCOUNT_CLASS = 111;
export const ACCOUNT = '0-1:19.0.0.255';
export const MODE_AND_STATUS = 2;
export const CREDIT_CHARGE_CONFIGURATION = 11;
export const ACTIVATION_TIME = 13;
/** account_mode_and_status {payment mode 1 credit, account status 1 new (pending activation)}. */
const CREDIT_MODE = [1, 1];
const METER_BALANCE = '0-0:19.10.0.255';
/** Charges the meter balance collects: import (primary element), standing charge, secondary element (twin). */
const CHARGES_SINGLE = ['0-0:19.20.0.255', '0-0:19.20.4.255'];
const CHARGE_SECONDARY = '0-0:19.20.5.255';
/** collection configuration bits: collect in credit, in emergency credit and in prepayment (RTDS 0xE0, 3 bits). */
const COLLECT_ALWAYS = [0x04, 0x03, 0xe0];
const TWIN_ELEMENT = 'B';
const UNSPECIFIED_DATE_TIME = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x00, 0xff];
const IMMEDIATE_DATE_TIME = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x00, 0xff];

const structure = (items: number[][]): number[] => [0x02, items.length, ...items.flat()];
const array = (items: number[][]): number[] => [0x01, items.length, ...items.flat()];
const enumValue = (v: number): number[] => [0x16, v & 0xff];

function activation(r: DuisRequest): number[] {
  const at = findTexts(r.body, 'ExecutionDateTime')[0] ?? '';
  if (at === '') return IMMEDIATE_DATE_TIME;
  return at.startsWith('3000-12-31') ? UNSPECIFIED_DATE_TIME : dlmsDateTime(Date.parse(at));
}

/** credit_charge_configuration entries {meter balance, charge, collection bits}: the target's charges, then any `extra`. */
export function chargeConfiguration(target: DeviceRecord | undefined, extra: readonly (readonly [charge: string, collection: number[]])[] = []): number[] {
  const charges = (target?.esmeVariant ?? '').includes(TWIN_ELEMENT) ? [...CHARGES_SINGLE, CHARGE_SECONDARY] : CHARGES_SINGLE;
  const entries: (readonly [string, number[]])[] = [...charges.map((c) => [c, COLLECT_ALWAYS] as const), ...extra];
  return array(entries.map(([c, bits]) => structure([AXDR.octetString(obisBytes(METER_BALANCE)), AXDR.octetString(obisBytes(c)), bits])));
}

function toCredit(r: DuisRequest, target: DeviceRecord | undefined): AccessItem[] {
  return [
    set(ACCOUNT_CLASS, ACCOUNT, MODE_AND_STATUS, structure(CREDIT_MODE.map(enumValue))),
    set(ACCOUNT_CLASS, ACCOUNT, CREDIT_CHARGE_CONFIGURATION, chargeConfiguration(target)),
    set(ACCOUNT_CLASS, ACCOUNT, ACTIVATION_TIME, AXDR.octetString(activation(r))),
  ];
}

const code = messageCodesOf('ECS02').find((r) => r.kind === 'command')?.code;
if (code === undefined) throw new RangeError('no GBCS command code for ECS02'); // table invariant
const ECS02_CODE = code;

export const DLMS_PAYMENT_MODE_ENCODERS: readonly EncoderRow[] = [{
  useCase: 'ECS02', srv: '1.6', deviceTypes: ['ESME'],
  matches: (r) => childElements(r.body).some((c) => localName(c.name) === 'Credit'),
  // The target's variant (twin element or not) is read when encoding: the row is chosen per request.
  encode: (i) => ({ messageCode: ECS02_CODE, content: accessRequest(i.counter, toCredit(i.request, i.target)) }),
}];
