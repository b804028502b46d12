import type { GsmeZclCommand } from './gsme-ledger-fixture.js';

// ZCL commands of the GSME's tariff, billing, payment-mode and supply use cases (gbcs/payload/
// zcl-commands.ts field names; GBCS 6.3), for the ledger tests: GCS01a / GCS01b price matrix,
// block thresholds and a day profile, GCS25a billing period, GCS02 / GCS03 ChangePaymentMode,
// GCS32 / GCS39 ChangeSupply.

export const PRICE = 0x0700;
export const METERING = 0x0702;
export const PREPAYMENT = 0x0705;
export const CALENDAR = 0x0707;
export const GCS01A = 0x006b;
export const GCS02 = 0x006c;
export const GCS03 = 0x006d;
export const GCS25A = 0x00d8;
export const GCS32 = 0x0081;
export const GCS39 = 0x0085;
const ZCL_EPOCH_MS = Date.UTC(2000, 0, 1);
export const zclTime = (ms: number) => (ms - ZCL_EPOCH_MS) / 1000;

export const priceMatrix = (tou: boolean, prices: [number, number][]): GsmeZclCommand => ({
  clusterId: PRICE, commandId: 0x05, serverToClient: true,
  fields: { providerId: 1, issuerEventId: 1, startTime: 0, issuerTariffId: 1, commandIndex: 0, totalNumberOfCommands: 1, subPayloadControl: tou ? 1 : 0,
    prices: prices.map(([tierBlockId, price]) => ({ tierBlockId, price })) },
});
export const blockThresholds = (kWh: number[]): GsmeZclCommand => ({
  clusterId: PRICE, commandId: 0x06, serverToClient: true,
  fields: { providerId: 1, issuerEventId: 1, startTime: 0, issuerTariffId: 1, commandIndex: 0, totalNumberOfCommands: 1, subPayloadControl: 1,
    tiers: [{ tierNumberOfBlockThresholds: 0x10 | kWh.length, blockThresholds: kWh.map((threshold) => ({ threshold })) }] },
});
export const dayProfile = (entries: [number, number][]): GsmeZclCommand => ({
  clusterId: CALENDAR, commandId: 0x01, serverToClient: true,
  fields: { providerId: 1, issuerEventId: 1, issuerCalendarId: 1, dayId: 1, totalNumberOfScheduleEntries: entries.length, commandIndex: 0, totalNumberOfCommands: 1, calendarType: 0,
    scheduleEntries: entries.map(([startTimeMinutes, priceTier]) => ({ startTimeMinutes, priceTier })) },
});
export const billingPeriod = (startMs: number, duration: number, unit: number): GsmeZclCommand => ({
  clusterId: PRICE, commandId: 0x09, serverToClient: true,
  fields: { providerId: 1, issuerEventId: 1, billingPeriodStartTime: zclTime(startMs), billingPeriodDuration: duration, billingPeriodDurationType: unit, tariffType: 0 },
});
export const changeSupply = (proposed: number): GsmeZclCommand => ({
  clusterId: METERING, commandId: 0x0b, serverToClient: false,
  fields: { providerId: 1, issuerEventId: 1, requestDateTime: 0, implementationDateTime: 0, proposedSupplyStatus: proposed, supplyControlBits: 0 },
});
export const changePaymentMode = (prepayment: boolean, cutOffValue: number, atMs = 0): GsmeZclCommand => ({
  clusterId: PREPAYMENT, commandId: 0x06, serverToClient: false,
  fields: { providerId: 1, issuerEventId: 1, implementationDateTime: atMs === 0 ? 0 : zclTime(atMs), proposedPaymentControlConfiguration: prepayment ? 0x02 : 0x00, cutOffValue },
});
