import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { childByLocalName } from '../xml/xml-tree.js';
import { accessRequest, action, AXDR, set, type AccessItem } from './dlms-request.js';
import type { EncoderRow } from './types.js';

// SR 2.3 Update Debt on an ESME (GBCS 5.5, ECS07): the two time-based debt collectors
// (class 113 0-0:19.20.1/2.255) get their charge (rate and price scale, attribute 6) and
// collection period (attribute 8) and are activated (method 2); the payment-based collector
// (0-0:19.20.3.255) its recovery per payment (attribute 13); then each debt register is set
// (method 4, payment debt first). Order and shapes as the RTDS reference pre-command.

const ACCOUNT_CLASS = 113;
const TIME_DEBT_1 = '0-0:19.20.1.255';
const TIME_DEBT_2 = '0-0:19.20.2.255';
const PAYMENT_DEBT = '0-0:19.20.3.255';
const CHARGE = 6;
const PERIOD = 8;
const PROPORTION = 13;
const ACTIVATE = 2;
const SET_AMOUNT = 4;
/** DebtRecoveryRatePeriod in seconds. */
const PERIOD_S: Readonly<Record<string, number>> = { HOURLY: 3_600, DAILY: 86_400, WEEKLY: 604_800 };

const structure = (items: number[][]): number[] => [0x02, items.length, ...items.flat()];
const array = (items: number[][]): number[] => [0x01, items.length, ...items.flat()];
const long = (v: number): number[] => [0x10, (v >> 8) & 0xff, v & 0xff];
const doubleLongUnsigned = (v: number): number[] => [0x06, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

const num = (r: DuisRequest, local: string, parent?: string): number => {
  const scope = parent ? childByLocalName(r.body, parent) : r.body;
  return Number((scope ? findTexts(scope, local)[0] : undefined) ?? 0);
};

/** Charge (class 113 attribute 6): unit charge {commodity scale 0, price scale}, reference (none), table [{'' , rate}]. */
function charge(r: DuisRequest, recovery: string): number[] {
  return structure([
    structure([AXDR.integer(0), AXDR.integer(num(r, 'DebtRecoveryRatePriceScale', recovery))]),
    structure([AXDR.longUnsigned(0), AXDR.octetString([0, 0, 0, 0, 0, 0]), AXDR.integer(0)]),
    array([structure([AXDR.octetString([]), long(num(r, 'DebtRecoveryRate', recovery))])]),
  ]);
}

function periodOf(r: DuisRequest, recovery: string): number {
  const scope = childByLocalName(r.body, recovery);
  return PERIOD_S[(scope ? findTexts(scope, 'DebtRecoveryRatePeriod')[0] : undefined) ?? 'DAILY'] ?? PERIOD_S.DAILY!;
}

function updateDebt(r: DuisRequest): AccessItem[] {
  return [
    set(ACCOUNT_CLASS, TIME_DEBT_1, CHARGE, charge(r, 'ElecDebtRecovery1')),
    set(ACCOUNT_CLASS, TIME_DEBT_2, CHARGE, charge(r, 'ElecDebtRecovery2')),
    set(ACCOUNT_CLASS, PAYMENT_DEBT, PROPORTION, AXDR.longUnsigned(num(r, 'DebtRecoveryPerPayment'))),
    set(ACCOUNT_CLASS, TIME_DEBT_1, PERIOD, doubleLongUnsigned(periodOf(r, 'ElecDebtRecovery1'))),
    set(ACCOUNT_CLASS, TIME_DEBT_2, PERIOD, doubleLongUnsigned(periodOf(r, 'ElecDebtRecovery2'))),
    action(ACCOUNT_CLASS, TIME_DEBT_1, ACTIVATE, AXDR.integer(0)),
    action(ACCOUNT_CLASS, TIME_DEBT_2, ACTIVATE, AXDR.integer(0)),
    action(ACCOUNT_CLASS, PAYMENT_DEBT, SET_AMOUNT, AXDR.doubleLong(num(r, 'PaymentDebtRegister'))),
    action(ACCOUNT_CLASS, TIME_DEBT_1, SET_AMOUNT, AXDR.doubleLong(num(r, 'TimeDebtRegister1'))),
    action(ACCOUNT_CLASS, TIME_DEBT_2, SET_AMOUNT, AXDR.doubleLong(num(r, 'TimeDebtRegister2'))),
  ];
}

const code = messageCodesOf('ECS07').find((r) => r.kind === 'command')?.code;
if (code === undefined) throw new RangeError('no GBCS command code for ECS07'); // table invariant
const ECS07_CODE = code;

export const DLMS_DEBT_ENCODERS: readonly EncoderRow[] = [
  { useCase: 'ECS07', srv: '2.3', deviceTypes: ['ESME'], encode: (i) => ({ messageCode: ECS07_CODE, content: accessRequest(i.counter, updateDebt(i.request)) }) },
];
