import { attrOf, childElements, localName, textOf, type XmlElement } from '../xml/xml-tree.js';
import { obisBytes, set, type AccessItem } from './dlms-request.js';
import { A, activationTime, children, dlmsRow, dlmsStructuredDate, dlmsTime, num, specialDay, text } from './encoders-esme-common.js';
import type { EncoderRow, TransformInput } from './types.js';

// ESME tariffs and prices (GBCS 5.5; item order and shapes as the RTDS pre-commands):
// - ECS01a (SR 1.1.1) primary element tariff and price: the passive activity calendar (class 20
//   0-0:13.0.0.255: seasons a7, week profiles a8, day profiles a9), special days (class 11
//   0-1:11.0.0.255), the block thresholds of the 8 TOU registers (class 21 0-0:16.1.11-18.255),
//   the currency (class 9000 0-0:94.44.2.0 a4), standing charge and price (class 113 unit_charge_passive
//   a6 of 0-0:19.20.4.255 / 0-0:19.20.0.255), then every activation time;
// - ECS01b (SR 1.2.1) primary element price only;
// - ECS01c (SR 1.1.2) secondary element tariff and price (0-0:13.0.1.255, 0-1:11.0.1.255, 0-0:19.20.5.255);
// - ECS01d (SR 1.2.2) secondary element price only.
// A day profile action runs script table 0-0:10.0.100.255 with selector N (primary TOU rate N),
// 100 + N (block tariff N) or 200 + N (secondary element rate N). The price table is keyed by
// one byte: TOU rate 1..48, or 0xA0 + 0x10 * (block - 1) + TOU-block set (blocks a..d, sets 1..8).

const ACTIVITY_CALENDAR_CLASS = 20;
const SPECIAL_DAYS_TABLE_CLASS = 11;
const REGISTER_MONITOR_CLASS = 21;
const CHARGE_CLASS = 113;
const SUPPLIER_DATA_CLASS = 9000;
const SEASONS = 7;
const WEEKS = 8;
const DAYS = 9;
const CALENDAR_ACTIVATION = 10;
const ENTRIES = 2;
const THRESHOLDS = 2;
const PASSIVE_VALUE = 4;
const UNIT_CHARGE_PASSIVE = 6;
const CHARGE_ACTIVATION = 7;
const ACTIVATION = 6;
const TARIFF_SCRIPTS = '0-0:10.0.100.255';
const BLOCK_ACTION_BASE = 100;
const SECONDARY_ACTION_BASE = 200;
const TOU_RATES = 48;
const TOU_RATES_SECONDARY = 4;
const BLOCKS = 4;
const BLOCK_SETS = 8;
const BLOCK_PRICE_KEY = 0xa0;
const THRESHOLD_REGISTERS = 8;
/** A DUIS currency: GBP is the only one the templates use; the currency object holds true for it [A]. */
const CURRENCY_IS_GBP = 'GBP';
/** Commodity scale of the energy charges (kWh prices over Wh registers) and the registers they charge (RTDS). */
const ENERGY_COMMODITY_SCALE = 3;
const IMPORT_ENERGY = '1-0:1.8.0.255';
const SECONDARY_IMPORT_ENERGY = '1-20:1.8.0.255';
const REGISTER_CLASS = 3;
const REGISTER_VALUE = 2;
/** 00:00:00.00, deviation not specified, status not specified: the time of a season start (RTDS). */
const SEASON_START_TIME = [0, 0, 0, 0, 0x80, 0x00, 0xff];
/** Depth of the DUIS tariff body below the service element. */
const BODY_DEPTH_MAX = 4;

interface Element {
  calendar: string;
  specialDays: string;
  price: string;
  pricedRegister: string;
  specialDaysActivation: string;
  touActionBase: number;
}

const PRIMARY: Element = { calendar: '0-0:13.0.0.255', specialDays: '0-1:11.0.0.255', price: '0-0:19.20.0.255', pricedRegister: IMPORT_ENERGY, specialDaysActivation: '0-0:94.44.128.29', touActionBase: 0 };
const SECONDARY: Element = { calendar: '0-0:13.0.1.255', specialDays: '0-1:11.0.1.255', price: '0-0:19.20.5.255', pricedRegister: SECONDARY_IMPORT_ENERGY, specialDaysActivation: '0-0:94.44.128.30', touActionBase: SECONDARY_ACTION_BASE };
const STANDING_CHARGE = '0-0:19.20.4.255';
const CURRENCY = '0-0:94.44.2.0';
const THRESHOLD_MATRIX_ACTIVATION = '0-0:63.1.1.255';

/** The first element named `local` at most a few levels below `el`. */
function find(el: XmlElement, local: string, depth = 0): XmlElement | undefined {
  if (depth > BODY_DEPTH_MAX) return undefined;
  for (const c of childElements(el)) if (localName(c.name) === local) return c;
  for (const c of childElements(el)) {
    const found = find(c, local, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const valueOf = (el: XmlElement): string => textOf(el).trim();
const ascii = (s: string): number[] => A.octetString([...Buffer.from(s, 'latin1')]);
const indexOf = (el: XmlElement): number => Number(attrOf(el, 'index') ?? 0);

function seasons(table: XmlElement): number[][] {
  const list = find(table, 'Seasons');
  return (list ? children(list, 'Season') : []).map((s) => A.structure([
    ascii(text(s, 'SeasonName')),
    A.octetString([...dlmsStructuredDate(find(s, 'SeasonStartDate') ?? s), ...SEASON_START_TIME]),
    A.octetString([num(s, 'ReferencedWeekName')]),
  ]));
}

function weeks(table: XmlElement): number[][] {
  const list = find(table, 'WeekProfiles');
  return (list ? children(list, 'WeekProfile') : []).map((w) => A.structure([
    A.octetString([num(w, 'WeekName')]),
    ...children(w, 'ReferencedDayName').sort((a, b) => indexOf(a) - indexOf(b)).map((d) => A.unsigned(Number(valueOf(d)))),
  ]));
}

function days(table: XmlElement, element: Element): number[][] {
  const list = find(table, 'DayProfiles');
  return (list ? children(list, 'DayProfile') : []).map((d) => A.structure([
    A.unsigned(num(d, 'DayName')),
    A.array(children(d, 'ProfileSchedule').map((p) => {
      const block = text(p, 'BlockTariffAction');
      const selector = block !== '' ? BLOCK_ACTION_BASE + Number(block) : element.touActionBase + num(p, 'TOUTariffAction');
      return A.structure([A.octetString(dlmsTime(text(p, 'StartTime'))), A.octetString(obisBytes(TARIFF_SCRIPTS)), A.longUnsigned(selector)]);
    })),
  ]));
}

function specialDays(body: XmlElement): number[][] {
  const list = find(body, 'SpecialDays');
  return (list ? children(list, 'SpecialDay') : []).map((d, k) => specialDay(k + 1, dlmsStructuredDate(find(d, 'Date') ?? d), num(d, 'ReferencedDayName')));
}

function thresholds(body: XmlElement): AccessItem[] {
  const matrix = find(body, 'ThresholdMatrix');
  const rows = matrix ? children(matrix, 'Thresholds') : [];
  return Array.from({ length: THRESHOLD_REGISTERS }, (_, k) => {
    const row = rows.find((r) => indexOf(r) === k + 1);
    const values = row ? children(row, 'BlockThreshold').sort((a, b) => indexOf(a) - indexOf(b)).map((t) => A.doubleLongUnsigned(Number(valueOf(t)))) : [];
    return set(REGISTER_MONITOR_CLASS, `0-0:16.1.${11 + k}.255`, THRESHOLDS, A.array(values));
  });
}

/** unit_charge_passive: {commodity scale, price scale}, the charged register (or none), the charge table. */
function unitCharge(commodityScale: number, priceScale: number, register: string | undefined, table: number[][]): number[] {
  return A.structure([
    A.structure([A.integer(commodityScale), A.integer(priceScale)]),
    register ? A.structure([A.longUnsigned(REGISTER_CLASS), A.octetString(obisBytes(register)), A.integer(REGISTER_VALUE)]) : A.structure([A.longUnsigned(0), A.octetString([0, 0, 0, 0, 0, 0]), A.integer(0)]),
    A.array(table),
  ]);
}

const priceEntry = (key: number[], price: number): number[] => A.structure([A.octetString(key), A.long(price)]);

/** The primary element's price table: 48 TOU rates, then blocks a..d of the 8 TOU-block sets. */
function primaryPrices(prices: XmlElement): number[][] {
  const tou = new Array<number>(TOU_RATES).fill(0);
  for (const p of findAll(prices, 'TOUPrice')) if (indexOf(p) >= 1 && indexOf(p) <= TOU_RATES) tou[indexOf(p) - 1] = Number(valueOf(p));
  const block = new Array<number>(BLOCKS * BLOCK_SETS).fill(0);
  for (const set of findAll(prices, 'BlockPrices')) {
    for (const p of children(set, 'BlockPrice')) {
      const b = indexOf(p);
      const s = indexOf(set);
      if (b >= 1 && b <= BLOCKS && s >= 1 && s <= BLOCK_SETS) block[(b - 1) * BLOCK_SETS + (s - 1)] = Number(valueOf(p));
    }
  }
  return [
    ...tou.map((price, k) => priceEntry([k + 1], price)),
    ...block.map((price, k) => priceEntry([BLOCK_PRICE_KEY + 0x10 * Math.floor(k / BLOCK_SETS) + (k % BLOCK_SETS) + 1], price)),
  ];
}

function findAll(el: XmlElement, local: string, depth = 0, out: XmlElement[] = []): XmlElement[] {
  if (depth > BODY_DEPTH_MAX) return out;
  for (const c of childElements(el)) {
    if (localName(c.name) === local) out.push(c);
    else findAll(c, local, depth + 1, out);
  }
  return out;
}

function primaryCharges(body: XmlElement): AccessItem[] {
  const prices = find(body, 'ElectricityPriceElements') ?? body;
  return [
    set(CHARGE_CLASS, STANDING_CHARGE, UNIT_CHARGE_PASSIVE, unitCharge(0, num(prices, 'StandingChargeScale'), undefined, [priceEntry([], num(prices, 'StandingCharge'))])),
    set(CHARGE_CLASS, PRIMARY.price, UNIT_CHARGE_PASSIVE, unitCharge(ENERGY_COMMODITY_SCALE, num(prices, 'PriceScale'), PRIMARY.pricedRegister, primaryPrices(prices))),
  ];
}

function secondaryCharge(body: XmlElement): AccessItem {
  const prices = find(body, 'PriceElements') ?? body;
  const rates = new Array<number>(TOU_RATES_SECONDARY).fill(0);
  for (const p of children(prices, 'ElectricityPriceElement')) if (indexOf(p) >= 1 && indexOf(p) <= TOU_RATES_SECONDARY) rates[indexOf(p) - 1] = Number(valueOf(p));
  return set(CHARGE_CLASS, SECONDARY.price, UNIT_CHARGE_PASSIVE, unitCharge(ENERGY_COMMODITY_SCALE, num(prices, 'PriceScale'), SECONDARY.pricedRegister, rates.map((price, k) => priceEntry([k + 1], price))));
}

function calendar(body: XmlElement, element: Element): AccessItem[] {
  const table = find(body, 'SwitchingTable') ?? body;
  return [
    set(ACTIVITY_CALENDAR_CLASS, element.calendar, SEASONS, A.array(seasons(table))),
    set(ACTIVITY_CALENDAR_CLASS, element.calendar, WEEKS, A.array(weeks(table))),
    set(ACTIVITY_CALENDAR_CLASS, element.calendar, DAYS, A.array(days(table, element))),
    set(SPECIAL_DAYS_TABLE_CLASS, element.specialDays, ENTRIES, A.array(specialDays(body))),
  ];
}

function tariffPrimary(i: TransformInput): AccessItem[] {
  const body = i.request.body;
  const when = A.octetString(activationTime(i.request));
  return [
    ...calendar(body, PRIMARY),
    ...thresholds(body),
    set(SUPPLIER_DATA_CLASS, CURRENCY, PASSIVE_VALUE, A.boolean(text(body, 'CurrencyUnits') === CURRENCY_IS_GBP)),
    ...primaryCharges(body),
    set(ACTIVITY_CALENDAR_CLASS, PRIMARY.calendar, CALENDAR_ACTIVATION, when),
    set(SUPPLIER_DATA_CLASS, PRIMARY.specialDaysActivation, ACTIVATION, when),
    set(SUPPLIER_DATA_CLASS, CURRENCY, ACTIVATION, when),
    set(CHARGE_CLASS, STANDING_CHARGE, CHARGE_ACTIVATION, when),
    set(CHARGE_CLASS, PRIMARY.price, CHARGE_ACTIVATION, when),
    set(SUPPLIER_DATA_CLASS, THRESHOLD_MATRIX_ACTIVATION, ACTIVATION, when),
  ];
}

function pricePrimary(i: TransformInput): AccessItem[] {
  const when = A.octetString(activationTime(i.request));
  return [...primaryCharges(i.request.body), set(CHARGE_CLASS, STANDING_CHARGE, CHARGE_ACTIVATION, when), set(CHARGE_CLASS, PRIMARY.price, CHARGE_ACTIVATION, when)];
}

function tariffSecondary(i: TransformInput): AccessItem[] {
  const body = i.request.body;
  const when = A.octetString(activationTime(i.request));
  return [
    secondaryCharge(body),
    ...calendar(body, SECONDARY),
    set(ACTIVITY_CALENDAR_CLASS, SECONDARY.calendar, CALENDAR_ACTIVATION, when),
    set(CHARGE_CLASS, SECONDARY.price, CHARGE_ACTIVATION, when),
    set(SUPPLIER_DATA_CLASS, SECONDARY.specialDaysActivation, ACTIVATION, when),
  ];
}

function priceSecondary(i: TransformInput): AccessItem[] {
  return [secondaryCharge(i.request.body), set(CHARGE_CLASS, SECONDARY.price, CHARGE_ACTIVATION, A.octetString(activationTime(i.request)))];
}

export const ESME_TARIFF_ENCODERS: readonly EncoderRow[] = [
  dlmsRow('ECS01a', '1.1.1', tariffPrimary),
  dlmsRow('ECS01b', '1.2.1', pricePrimary),
  dlmsRow('ECS01c', '1.1.2', tariffSecondary),
  dlmsRow('ECS01d', '1.2.2', priceSecondary),
];
