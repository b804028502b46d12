// What the gas encoders (host/dcc/transform/encoders-gas-*.ts) put in the fields the template walk
// masks or that no reference file shows: activation and cancellation times (GBCS 9.3), the GCS28
// validity window, GCS24a's decimal rate, the GCS25/GCS25a split and GetProfile runs (GCS17).
import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../gbcs/payload/index.js';
import { parseDuisRequest, type DuisRequest } from '../../host/dcc/duis/request.js';
import { encoderFor } from '../../host/dcc/transform/transform.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { zclTime } from '../../host/dcc/transform/encoders-gbz.js';
import { readTemplate } from './fixture.js';

const NOW_MS = Date.UTC(2026, 3, 1, 9);
const GSME = '00-DB-12-34-56-78-90-A1';

function encode(request: DuisRequest, deviceType: 'GSME' | 'GPF' = 'GSME') {
  const row = encoderFor(ENCODERS, request, deviceType, undefined, () => undefined);
  if (!row) return undefined;
  const { messageCode, content } = row.encode({ request, counter: 1n, nowMs: NOW_MS, deviceTypeOf: () => undefined });
  return { useCase: row.useCase, messageCode, payload: decodePayload(content, { messageCode, cra: 1 }) as any };
}

/** A template with a body element's text replaced. */
function template(name: string, edits: Record<string, string> = {}): DuisRequest {
  let xml = readTemplate(name);
  for (const [local, value] of Object.entries(edits)) xml = xml.replace(new RegExp(`(<sr:${local}>)[^<]*(<)`), `$1${value}$2`);
  return parseDuisRequest(xml);
}

const fieldsOf = (p: any) => p.body.components.map((c: any) => ({ name: c.zcl.commandName as string, from: c.fromDateTime as number | undefined, ...c.payload.fields }));

describe('gas encoders', () => {
  it('GCS01a cancellation: calendar, thresholds and matrix at 0xFFFFFFFE, tariff information at 0xFFFFFFFF; future-dated at the execution time', () => {
    const cancel = fieldsOf(encode(template('GCS01a_1.1.1_CANCELLATION_BLOCK_SUCCESS_REQUEST_DUIS.XML'))!.payload);
    expect(cancel.map((f: any) => [f.name, f.startTime])).toEqual([
      ['PublishCalendar', 0xfffffffe], ['PublishDayProfile', undefined], ['PublishWeekProfile', undefined], ['PublishSeasons', undefined], ['PublishSpecialDays', 0xfffffffe],
      ['PublishTariffInformation', 0xffffffff], ['PublishBlockThresholds', 0xfffffffe], ['PublishPriceMatrix', 0xfffffffe],
    ]);
    const at = zclTime(Date.parse('2030-01-15T09:00:00Z'));
    const dated = fieldsOf(encode(template('GCS01a_1.1.1_FUTURE_DATED_BLOCK_SUCCESS_REQUEST_DUIS.XML'))!.payload);
    expect(dated.filter((f: any) => f.startTime !== undefined).map((f: any) => f.startTime)).toEqual([at, at, at, at, at]);
    expect(dated[0].issuerCalendarId).toBe(zclTime(NOW_MS));
  });

  it('GCS05 low-credit level rides the from-date-time; immediate = 0', () => {
    const immediate = fieldsOf(encode(template('GCS05_2.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML'))!.payload);
    expect(immediate.find((f: any) => f.name === 'SetLowCreditWarningLevel')).toMatchObject({ from: 0, lowCreditWarningLevel: 5_000_000 });
    const dayOne = immediate.find((f: any) => f.name === 'PublishDayProfile' && f.dayId === 1);
    expect(dayOne.scheduleEntries).toEqual([{ startTimeMinutes: 0, priceTier: 1 }, { startTimeMinutes: 480, priceTier: 0 }, { startTimeMinutes: 1080, priceTier: 1 }]);
  });

  it('GCS28 validity window: CurrentDateTime to CurrentDateTime + TolerancePeriod, in GeneralizedTime', () => {
    const sync = encode(template('GCS28_6.11_SUCCESS_REQUEST_DUIS.XML', { CurrentDateTime: '2026-04-01T09:00:00.00Z', TolerancePeriod: '90' }))!;
    expect(sync.payload.body.named).toEqual({ schema: 'time-sync-request', validityStart: '20260401090000Z', validityEnd: '20260401090130Z' });
    expect(encode(template('GCS28Commission_8.1.1_SUCCESS_REQUEST_DUIS.XML'))!.messageCode).toBe(sync.messageCode);
  });

  it('GCS24a carries the decimal rate as digits over a power of ten; GCS24 the integer over 1', () => {
    const decimal = fieldsOf(encode(template('GCS24a_6.7_SUCCESS_REQUEST_DUIS.XML'))!.payload)[0];
    expect([decimal.uncontrolledFlowThreshold, decimal.divisor]).toEqual([61_680, 10_000]);
    const integer = fieldsOf(encode(template('GCS24_6.7_SUCCESS_REQUEST_DUIS.XML'))!.payload)[0];
    expect([integer.uncontrolledFlowThreshold, integer.divisor]).toEqual([61_680, 1]);
    expect(encode(template('GCS24_6.7_SUCCESS_REQUEST_DUIS.XML', { SupplyTamperState: 'Sometimes' }))).toBeUndefined();
  });

  it('GCS25 serves a monthly billing calendar, GCS25a the other periodicities', () => {
    expect(encode(template('GCS25_6.8_SUCCESS_REQUEST_DUIS.XML'))!.useCase).toBe('GCS25');
    const quarterly = encode(template('GCS25_6.8_SUCCESS_REQUEST_DUIS.XML', { Periodicity: 'Quarterly' }))!;
    expect(quarterly.useCase).toBe('GCS25a');
    expect(fieldsOf(quarterly.payload)[0]).toMatchObject({ billingPeriodDuration: 3, billingPeriodDurationType: 0x23 });
  });

  it('GCS17 asks for the half hours of the read period, at most 255 per GetProfile, each ending where the next begins', () => {
    const end = '2015-01-10T00:00:00.00Z';
    const read = encode(template('GCS17_4.8.1_SUCCESS_REQUEST_DUIS.XML', { StartDateTime: '2015-01-01T00:00:00.00Z', EndDateTime: end }), 'GPF')!;
    const runs = fieldsOf(read.payload).map((f: any) => [f.endTime, f.numberOfPeriods]);
    const endS = zclTime(Date.parse(end));
    expect(runs).toEqual([[endS, 255], [endS - 255 * 1800, 177]]); // 9 days = 432 half hours
    const daily = encode(template('GCS61_4.17_SUCCESS_REQUEST_DUIS.XML'), 'GPF')!;
    expect(fieldsOf(daily.payload).map((f: any) => f.numberOfPeriods)).toEqual([10]);
    expect(encode(template('GCS17_4.8.1_SUCCESS_REQUEST_DUIS.XML', { StartDateTime: end, EndDateTime: '2015-01-01T00:00:00.00Z' }), 'GPF')).toBeUndefined();
  });
});
