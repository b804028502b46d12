import type { AxdrData } from '../../gbcs/payload/axdr.js';

// The ESME's tariff as COSEM Charge objects (class 113, GBCS 11.1; devices 3.1, R.3): the price
// matrix 0-0:19.20.0.255 and the standing charge 0-0:19.20.4.255, whose unit_charge is
// {{commodity scaler, price scaler}, commodity reference, [{index, long charge}]}. Installation
// writes the active attribute (5); ECS01a / ECS01b write the passive one (6) and its activation
// date-time (7), as the reference ECS01b commands do. A charge is an i16, so a price in
// milli-pence is carried with the smallest price scaler that keeps it whole and in range.

export const CHARGE_CLASS_ID = 113;
export const PRICE_MATRIX_OBIS = '0-0:19.20.0.255';
export const STANDING_CHARGE_OBIS = '0-0:19.20.4.255';
export const CHARGE_ACTIVE = 5;
export const CHARGE_PASSIVE = 6;
export const CHARGE_ACTIVATION = 7;
const CHARGE_MAX = 32_767;
/** Price scaler -5: 10^-5 GBP = 1 milli-penny. */
const MILLI_PENCE_SCALER = -5;
const SCALER_STEPS_MAX = 5;
/** Commodity scaler 3: the price is per kWh of the active-energy register 1-0:1.8.0.255. */
const PER_KWH_SCALER = 3;
const ACTIVE_IMPORT_REGISTER = [1, 0, 1, 8, 0, 255];
const REGISTER_CLASS_ID = 3;
const REGISTER_VALUE = 2;

/** The i16 charge and price scaler that carry `milliPence` exactly, or undefined when none does. */
export function chargeOf(milliPence: number): { priceScaler: number; charge: number } | undefined {
  let v = milliPence;
  for (let step = 0; step <= SCALER_STEPS_MAX; step++) {
    if (v <= CHARGE_MAX) return { priceScaler: MILLI_PENCE_SCALER + step, charge: v };
    if (v % 10 !== 0) return undefined;
    v /= 10;
  }
  return undefined;
}

function unitCharge(milliPence: number, perKWh: boolean): AxdrData {
  const c = chargeOf(milliPence);
  if (c === undefined) throw new RangeError(`${milliPence} milli-pence has no i16 charge with a price scaler (the scenario check refuses it)`);
  return {
    type: 'structure', items: [
      { type: 'structure', items: [{ type: 'integer', value: perKWh ? PER_KWH_SCALER : 0 }, { type: 'integer', value: c.priceScaler }] },
      { type: 'structure', items: perKWh
        ? [{ type: 'long-unsigned', value: REGISTER_CLASS_ID }, { type: 'octet-string', value: Uint8Array.from(ACTIVE_IMPORT_REGISTER) }, { type: 'integer', value: REGISTER_VALUE }]
        : [{ type: 'long-unsigned', value: 0 }, { type: 'octet-string', value: new Uint8Array(6) }, { type: 'integer', value: 0 }] },
      { type: 'array', items: [{ type: 'structure', items: [{ type: 'octet-string', value: perKWh ? Uint8Array.of(1) : new Uint8Array(0) }, { type: 'long', value: c.charge }] }] },
    ],
  };
}

/** The price matrix of a single-rate tariff: rate 1 at this many milli-pence per kWh. */
export function priceMatrixValue(milliPencePerKWh: number): AxdrData {
  return unitCharge(milliPencePerKWh, true);
}

/** The standing charge, milli-pence per day. */
export function standingChargeValue(milliPencePerDay: number): AxdrData {
  return unitCharge(milliPencePerDay, false);
}
