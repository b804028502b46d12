// The ledger alerts a prepayment report counts (devices 4.8-4.11, 5.2, 10.3), as data: the code
// the meter raises and the report's name for it. Codes are those of assembly/ledger/alerts.ts.

export const LEDGER_ALERT = {
  LOW_CREDIT: 0x810d,
  EC_AVAILABLE: 0x8119,
  EC_ACTIVATED: 0x81ab,
  EC_EXHAUSTED: 0x81aa,
  DISABLED_FOR_CREDIT: 0x8f0f,
  SUPPLY_ARMED: 0x8f32,
  ARMED_BY_EC: 0x8168,
  SUPPLY_ENABLED_BUTTON: 0x8161,
  PAYMENT_DEBT_COLLECTED: 0x81a9,
  TIME_DEBT_1_COLLECTED: 0x81a7,
} as const;

/** Alerts of a UTRN the meter refused (devices 4.11 steps 0-5). */
export const UTRN_REFUSAL_ALERTS: readonly number[] = [0x81c5, 0x8f63, 0x8f64, 0x8f51, 0x8f5b, 0x8f47];
