import { CANCEL, CLUSTER, FC, activationTime, bodyText, child, elementsNamed, gasRow, gbzPayload, numberOf, text, zclTime, type ComponentSpec } from './encoders-gas-zcl.js';
import { calendarComponents, minutesOf } from './encoders-gas-calendar.js';
import type { EncoderRow, TransformInput } from './types.js';

// GCS05 (SR 2.1 Update Prepay Configuration) as RTDS 2.1_GCS05 carries it: the Prepayment
// cluster's emergency credit, debt cap, low-credit level and maximum credit, then the
// non-disablement calendar (calendar type 3: friendly credit) whose day profiles switch
// non-disablement on (START, tier 1) and off (STOP, tier 0).

const PREPAY_COMMAND = { emergencyCreditSetup: 0x03, setLowCreditWarningLevel: 0x09, setMaximumCreditLimit: 0x0b, setOverallDebtCap: 0x0c } as const;
const CALENDAR_TYPE_FRIENDLY_CREDIT = 3;
const NON_DISABLEMENT_TIER: Readonly<Record<string, number>> = { START: 1, STOP: 0 };

function gcs05(i: TransformInput): Uint8Array {
  const r = i.request;
  const issuerEventId = zclTime(i.nowMs);
  const at = activationTime(r, CANCEL.immediate);
  const prepay = (commandId: number, fields: Record<string, unknown>, fromDateTime?: number): ComponentSpec =>
    ({ clusterId: CLUSTER.prepayment, frameControl: FC.toServer, commandId, fields, ...(fromDateTime === undefined ? {} : { fromDateTime }) });
  const calendar = child(r.body, 'GasNonDisablementCalendar');
  const days = calendar ? elementsNamed(calendar, 'GasNonDisablementDayProfile').map((d) => ({
    dayId: numberOf(d, 'GasDayName'),
    entries: elementsNamed(d, 'TimeStartAction').map((a) => ({ startTimeMinutes: minutesOf(text(a, 'StartTime')), priceTier: NON_DISABLEMENT_TIER[text(a, 'NonDisablementAction')] ?? 0 })),
  })) : [];
  return gbzPayload([
    prepay(PREPAY_COMMAND.emergencyCreditSetup, { issuerEventId, startTime: at, emergencyCreditLimit: Number(bodyText(r, 'EmergencyCreditLimit')), emergencyCreditThreshold: Number(bodyText(r, 'EmergencyCreditThreshold')) }),
    prepay(PREPAY_COMMAND.setOverallDebtCap, { providerId: 0, issuerEventId, implementationDateTime: at, overallDebtCap: Number(bodyText(r, 'DebtRecoveryRateCap')) }),
    prepay(PREPAY_COMMAND.setLowCreditWarningLevel, { lowCreditWarningLevel: Number(bodyText(r, 'LowCreditThreshold')) }, at),
    prepay(PREPAY_COMMAND.setMaximumCreditLimit, { providerId: 0, issuerEventId, implementationDateTime: at, maximumCreditLevel: Number(bodyText(r, 'MaxMeterBalance')), maximumCreditPerTopUp: Number(bodyText(r, 'MaxCreditThreshold')) }),
    ...(calendar ? calendarComponents({ calendarType: CALENDAR_TYPE_FRIENDLY_CREDIT, issuerId: issuerEventId, startTime: activationTime(r, CANCEL.calendar), days, scope: calendar }) : []),
  ]);
}

export const GAS_PREPAY_ENCODERS: readonly EncoderRow[] = [
  gasRow('GCS05', '2.1', gcs05, { matches: (r) => child(r.body, 'UpdatePrepayConfigGas') !== undefined }),
];
