import { chargeOf } from '../world/tariff-objects.js';
import {
  CAP_PERIODS, PAYMENT_MODES, type ConsumerHabit, type LedgerSetup, type MeterSetup, type PaymentModeName, type TariffChange, type TariffSpec,
} from './scenario.js';
import { bool, fail, int, list, object, oneOf, str, utcInstant, type Json } from './validate.js';

// Checks the meters of a premises group as installed (payment mode, tariff, prepayment ledger),
// the supplier's price changes and the consumer's habits at the meter. Money is integer
// milli-pence (1 GBP = 100 000, devices 0.2). Every refusal names the field.

/** GBP 10 000: no household balance, threshold or debt is set above it at installation. */
export const SETUP_MONEY_MAX = 1_000_000_000;
/** GBP 100 per kWh or per day: a bound on any price. */
export const PRICE_MILLI_PENCE_MAX = 10_000_000;
export const TARIFF_CHANGES_MAX = 16;

const LEDGER_MONEY_FIELDS = [
  'meterBalanceMilliPence', 'emergencyCreditLimitMilliPence', 'emergencyCreditThresholdMilliPence', 'lowCreditThresholdMilliPence',
  'disablementThresholdMilliPence', 'maxMeterBalanceMilliPence', 'maxCreditThresholdMilliPence', 'paymentDebtMilliPence',
  'debtCapMilliPence', 'timeDebt1MilliPence', 'debtRecoveryRate1MilliPencePerDay',
] as const;
/** Signed ledger values (devices 4.1: MB and DT may be negative). */
const SIGNED_FIELDS: readonly string[] = ['meterBalanceMilliPence', 'disablementThresholdMilliPence'];

export function tariffSpec(value: unknown, at: string, device: 'ESME' | 'GSME'): TariffSpec {
  const o = object(value, at, ['unitPriceMilliPencePerKWh', 'standingChargeMilliPencePerDay']);
  const spec = {
    unitPriceMilliPencePerKWh: int(o, 'unitPriceMilliPencePerKWh', at, 0, PRICE_MILLI_PENCE_MAX),
    standingChargeMilliPencePerDay: int(o, 'standingChargeMilliPencePerDay', at, 0, PRICE_MILLI_PENCE_MAX),
  };
  // The ESME carries a price as an i16 charge with a price scaler (world/tariff-objects.ts).
  if (device === 'ESME') {
    for (const key of ['unitPriceMilliPencePerKWh', 'standingChargeMilliPencePerDay'] as const) {
      if (chargeOf(spec[key]) === undefined) fail(`${at}.${key}`, `${spec[key]} is not a COSEM charge (at most 32767 x 10^k milli-pence, k = 0..5)`);
    }
  }
  return spec;
}

function ledgerSetup(value: unknown, at: string): LedgerSetup {
  const o = object(value, at, [...LEDGER_MONEY_FIELDS, 'debtRecoveryPerPaymentBp', 'debtCapPeriod']);
  const out: LedgerSetup = {};
  for (const key of LEDGER_MONEY_FIELDS) {
    if (o[key] !== undefined) out[key] = int(o, key, at, SIGNED_FIELDS.includes(key) ? -SETUP_MONEY_MAX : 0, SETUP_MONEY_MAX);
  }
  if (o.debtRecoveryPerPaymentBp !== undefined) out.debtRecoveryPerPaymentBp = int(o, 'debtRecoveryPerPaymentBp', at, 0, 10_000);
  if (o.debtCapPeriod !== undefined) out.debtCapPeriod = oneOf(o, 'debtCapPeriod', at, CAP_PERIODS);
  if ((out.debtCapMilliPence === undefined) !== (out.debtCapPeriod === undefined)) fail(`${at}.debtCapPeriod`, 'debtCapMilliPence and debtCapPeriod go together');
  return out;
}

/** The ESME (`electricity`) or GSME (`gas`) of a group; `fallbackMode` is the group's payment mode. */
export function meterSetup(value: unknown, at: string, device: 'ESME' | 'GSME', fallbackMode: PaymentModeName): MeterSetup {
  const o = object(value ?? {}, at, ['paymentMode', 'tariff', 'ledger']);
  // The GSME's ledger is its 0705 attributes (assembly/gsme/prepayment.ts): its installation values are the reference profile's.
  if (device === 'GSME' && o.ledger !== undefined && Object.keys(o.ledger as object).length > 0) fail(`${at}.ledger`, 'the GSME is installed with the reference ledger values (devices S.2); leave it out');
  const setup: MeterSetup = { paymentMode: oneOf(o, 'paymentMode', at, PAYMENT_MODES, fallbackMode), ledger: ledgerSetup(o.ledger ?? {}, `${at}.ledger`) };
  if (o.tariff !== undefined) setup.tariff = tariffSpec(o.tariff, `${at}.tariff`, device);
  return setup;
}

export function tariffChanges(o: Json, at: string): TariffChange[] {
  return list(o, 'tariffChanges', at, TARIFF_CHANGES_MAX).map((x, i) => {
    const f = `${at}.tariffChanges[${i}]`;
    const c = object(x, f, ['useCase', 'activation', 'sendDaysBefore', 'tariff']);
    const activation = str(c, 'activation', f);
    const activationMs = utcInstant(activation, `${f}.activation`);
    if (activationMs % 1000 !== 0) fail(`${f}.activation`, 'whole seconds (a DLMS date-time)');
    const change: TariffChange = {
      useCase: oneOf(c, 'useCase', f, ['ECS01b'] as const, 'ECS01b'),
      activation,
      sendDaysBefore: int(c, 'sendDaysBefore', f, 0, 365, 7),
      tariff: tariffSpec(c.tariff, `${f}.tariff`, 'ESME'),
    };
    return change;
  });
}

export function consumerHabit(value: unknown, at: string): ConsumerHabit {
  const o = object(value ?? {}, at, ['activatesEmergencyCredit', 'reenablesSupply']);
  return {
    activatesEmergencyCredit: bool(o, 'activatesEmergencyCredit', at, true),
    reenablesSupply: bool(o, 'reenablesSupply', at, true),
  };
}
