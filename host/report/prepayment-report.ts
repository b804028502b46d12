// What a prepayment report holds (issue 7 point 7): one sample per virtual day of the meter as
// the host observed it (its ledger view and registers after every delivery), and the year's
// totals. Money is integer milli-pence read from the meter's own registers and cumulative
// counters (devices 4.1): the report never prices anything itself.

export interface DaySample {
  /** UTC date of the day's start, YYYY-MM-DD. */
  date: string;
  /** At the day's last observation. */
  meterBalanceMilliPence: number;
  /** Emergency credit left to spend (ECB while in use). */
  emergencyCreditMilliPence: number;
  /** ADR + TDR1 + TDR2 + PDR. */
  debtMilliPence: number;
  /** Active import of the day, from the meter's register. */
  importWh: number;
  /** Minutes of the day the supply was DISABLED, and ARMED (devices 5.1). */
  disabledMinutes: number;
  armedMinutes: number;
}

export interface PrepaymentSummary {
  days: number;
  topUpsAccepted: number;
  topUpsRefused: number;
  creditAddedMilliPence: number;
  consumptionChargedMilliPence: number;
  standingChargedMilliPence: number;
  standingCollectedMilliPence: number;
  debtAtStartMilliPence: number;
  debtAtEndMilliPence: number;
  debtRecoveredMilliPence: number;
  emergencyCreditUses: number;
  emergencyCreditGrantedMilliPence: number;
  lowCreditWarnings: number;
  disablements: number;
  minutesWithoutSupply: number;
  importWh: number;
  meterBalanceAtEndMilliPence: number;
  /** ECS01b commands the meter accepted (answered with success). */
  priceChangesAccepted: number;
}

export interface PrepaymentReport {
  scenario: string;
  seed: string;
  meterEui: string;
  start: string;
  end: string;
  days: DaySample[];
  summary: PrepaymentSummary;
}
