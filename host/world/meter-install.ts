import { encodeAxdr } from '../../gbcs/payload/axdr.js';
import { setZclAttributeInput } from '../gsme-inputs.js';
import { LEDGER_PERIOD, LEDGER_VALUE, ledgerSetInput, setAttributeInput } from '../local-inputs.js';
import { PAYMENT_MODE } from '../ledger-view.js';
import type { LedgerSetup, MeterSetup } from '../scenario/scenario.js';
import { Status, statusName } from '../status.js';
import type { PremisesWorld } from './premises-world.js';
import { typedUint } from './remote-commands.js';
import {
  CHARGE_ACTIVE, CHARGE_CLASS_ID, PRICE_MATRIX_OBIS, STANDING_CHARGE_OBIS, priceMatrixValue, standingChargeValue,
} from './tariff-objects.js';

// The premises' meters as the installer leaves them (scenario `electricity` / `gas`, devices 4.1
// "Set by" at installation): the ESME's active tariff objects (LOCAL SET_ATTRIBUTE) and ledger
// values (LOCAL LEDGER_SET: balance, thresholds, debts carried over from the old meter, payment
// mode); the GSME's price, standing charge and payment control as the ZCL attributes its ledger
// reads (LOCAL SET_ZCL_ATTRIBUTE, on the GSME and on the GPF mirror). Installation inputs settle
// the ledger without alerts; everything after is the meters' own doing.

const PRICE_CLUSTER = 0x0700;
const PREPAYMENT_CLUSTER = 0x0705;
/** 0700/0400 NoTierBlock1Price, milli-pence per kWh (trailing digits 5, devices S.2); 0700/0301 standing charge per day. */
const ATTR_BLOCK_1_PRICE = 0x0400;
const ATTR_STANDING_CHARGE = 0x0301;
/** 0705/0000 payment control configuration, bit 1 = prepayment (assembly/gsme/prepayment.ts). */
const ATTR_PAYMENT_CONTROL = 0x0000;
const PAYMENT_CONTROL_PREPAYMENT = 0x02;
const UINT32 = 0x23;
const BITMAP8 = 0x18;

const CAP_PERIOD = { DAY: LEDGER_PERIOD.DAILY, WEEK: LEDGER_PERIOD.WEEKLY, MONTH: LEDGER_PERIOD.MONTHLY } as const;

/** LEDGER_SET registers of the scenario's ledger fields, in the order they are set (the balance last, once thresholds hold). */
const LEDGER_FIELDS: readonly [keyof LedgerSetup, number][] = [
  ['emergencyCreditLimitMilliPence', LEDGER_VALUE.EC_LIMIT],
  ['emergencyCreditThresholdMilliPence', LEDGER_VALUE.EC_THRESHOLD],
  ['lowCreditThresholdMilliPence', LEDGER_VALUE.LOW_CREDIT_THRESHOLD],
  ['disablementThresholdMilliPence', LEDGER_VALUE.DISABLEMENT_THRESHOLD],
  ['maxMeterBalanceMilliPence', LEDGER_VALUE.MAX_METER_BALANCE],
  ['maxCreditThresholdMilliPence', LEDGER_VALUE.MAX_CREDIT_THRESHOLD],
  ['debtCapMilliPence', LEDGER_VALUE.CAP_AMOUNT],
  ['debtRecoveryPerPaymentBp', LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT],
  ['paymentDebtMilliPence', LEDGER_VALUE.PAYMENT_DEBT],
  ['timeDebt1MilliPence', LEDGER_VALUE.TIME_DEBT_1],
  ['debtRecoveryRate1MilliPencePerDay', LEDGER_VALUE.DEBT_RATE_1],
  ['meterBalanceMilliPence', LEDGER_VALUE.METER_BALANCE],
];

function install(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array, what: string): void {
  const status = w.deliverTo(nowMs, d, 'LOCAL', bytes);
  if (status !== Status.OK) throw w.error(nowMs, `installing ${what} on ${w.euis[d]} returned ${statusName(status)}`);
}

export function installMeters(w: PremisesWorld, nowMs: number): void {
  installEsme(w, nowMs, w.roles.esme, w.group.electricity);
  if (w.group.gas !== undefined && w.roles.gsme >= 0) {
    for (const d of [w.roles.gsme, w.roles.gpf]) installGsme(w, nowMs, d, w.group.gas);
  }
}

function installEsme(w: PremisesWorld, nowMs: number, d: number, m: MeterSetup): void {
  const set = (register: number, value: number) => install(w, nowMs, d, ledgerSetInput(register, BigInt(value)), `LEDGER_SET ${register}`);
  if (m.tariff !== undefined) {
    const charge = (obis: string, value: Uint8Array) => install(w, nowMs, d, setAttributeInput({ classId: CHARGE_CLASS_ID, obis, member: CHARGE_ACTIVE }, value), `charge ${obis}`);
    charge(PRICE_MATRIX_OBIS, encodeAxdr(priceMatrixValue(m.tariff.unitPriceMilliPencePerKWh)));
    charge(STANDING_CHARGE_OBIS, encodeAxdr(standingChargeValue(m.tariff.standingChargeMilliPencePerDay)));
  }
  if (m.paymentMode === 'prepayment') set(LEDGER_VALUE.PAYMENT_MODE, PAYMENT_MODE.PREPAYMENT);
  const l = m.ledger;
  if (l.debtCapPeriod !== undefined) set(LEDGER_VALUE.CAP_PERIOD, CAP_PERIOD[l.debtCapPeriod]);
  if (l.debtRecoveryRate1MilliPencePerDay !== undefined) {
    set(LEDGER_VALUE.DEBT_SCALE_1, 0);
    set(LEDGER_VALUE.DEBT_PERIOD_1, LEDGER_PERIOD.DAILY);
  }
  for (const [field, register] of LEDGER_FIELDS) {
    const value = l[field];
    if (typeof value === 'number') set(register, value);
  }
}

function installGsme(w: PremisesWorld, nowMs: number, d: number, m: MeterSetup): void {
  const attribute = (clusterId: number, attributeId: number, typed: Uint8Array) => install(w, nowMs, d, setZclAttributeInput(clusterId, attributeId, typed), `ZCL ${clusterId.toString(16)}/${attributeId.toString(16)}`);
  if (m.tariff !== undefined) {
    attribute(PRICE_CLUSTER, ATTR_BLOCK_1_PRICE, typedUint(UINT32, 4, m.tariff.unitPriceMilliPencePerKWh));
    attribute(PRICE_CLUSTER, ATTR_STANDING_CHARGE, typedUint(UINT32, 4, m.tariff.standingChargeMilliPencePerDay));
  }
  attribute(PREPAYMENT_CLUSTER, ATTR_PAYMENT_CONTROL, typedUint(BITMAP8, 1, m.paymentMode === 'prepayment' ? PAYMENT_CONTROL_PREPAYMENT : 0));
}
