import { parseLocalTime } from '../world/uk-time.js';
import {
  IMPLEMENTED_DEVICE_TYPES, KNOWN_DEVICE_TYPES, PAYMENT_MODES, READ_PARTIES, READ_USE_CASES, TOP_UP_ENTRIES, TOP_UP_USE_CASES,
  type DeviceTypeName, type HanSpec, type PremisesGroup, type ReadHabit, type TopUpHabit,
} from './scenario.js';
import { consumerHabit, meterSetup, tariffChanges } from './validate-meters.js';
import { firmwareUpdates } from './validate-firmware.js';
import { bool, fail, int, list, object, oneOf, str, DEVICES_PER_PREMISES_MAX, PREMISES_MAX } from './validate.js';

// Checks one premises group of a scenario: its devices (and the devices each habit needs: a
// GSME needs the hub's GPF and CHF, devices 6.3; mirror reads need the GPF), its consumption,
// reading and top-up habits, its HAN, and its meters as installed with the supplier's price
// changes and the consumer's habits (validate-meters.ts). Every refusal names the field.

export const READ_HABITS_MAX = 8;
export const TOP_UP_HABITS_MAX = 8;
/** GBCS 10.2: a UTRN value is 13 bits. */
export const TOP_UP_POUNDS_MAX = 8191;

/** The device type a read use case is addressed to (devices 6.3: the mirror reads go to the GPF). */
export const READ_TARGET: Record<ReadHabit['useCase'], DeviceTypeName> = { ECS17a: 'ESME', GCS13b: 'GPF', GCS14: 'GPF', GCS60a: 'GPF', GCS33: 'GSME' };
export const TOP_UP_TARGET: Record<TopUpHabit['useCase'], DeviceTypeName> = { CS01a: 'ESME', CS01b: 'GSME' };

/** devices 6.2 / 6.3 defaults: wake every 30 min, gsmeCommandTimeout 60 min; HAN figures are ours [A]. */
export const HAN_DEFAULTS: HanSpec = {
  latencyMinMs: 20, latencyMaxMs: 300, lossPerMille: 10, retriesMax: 3, retryMs: 500, gsmeWakeMin: 30, gsmeCommandTimeoutMin: 60, ihdRefreshMin: 30,
};

export function premisesGroup(value: unknown, at: string): PremisesGroup {
  const o = object(value, at, ['count', 'devices', 'consumption', 'reads', 'paymentMode', 'electricity', 'gas', 'tariffChanges', 'firmwareUpdates', 'consumer', 'topUps', 'han']);
  const paymentMode = oneOf(o, 'paymentMode', at, PAYMENT_MODES, 'credit');
  const devices = deviceList(o, at);
  const has = (type: DeviceTypeName) => devices.includes(type);
  const c = object(o.consumption ?? {}, `${at}.consumption`, ['profile', 'scalePct', 'generation', 'gasScalePct']);
  const reads = list(o, 'reads', at, READ_HABITS_MAX).map((r, i) => readHabit(r, `${at}.reads[${i}]`));
  reads.forEach((r, i) => {
    if (!has(READ_TARGET[r.useCase])) fail(`${at}.reads[${i}].useCase`, `${r.useCase} is answered by the ${READ_TARGET[r.useCase]}, which the premises does not have`);
  });
  const topUps = list(o, 'topUps', at, TOP_UP_HABITS_MAX).map((t, i) => topUpHabit(t, `${at}.topUps[${i}]`));
  topUps.forEach((t, i) => {
    if (!has(TOP_UP_TARGET[t.useCase])) fail(`${at}.topUps[${i}].useCase`, `${t.useCase} tops up the ${TOP_UP_TARGET[t.useCase]}, which the premises does not have`);
    if (t.entry === 'ppmid' && !has('PPMID')) fail(`${at}.topUps[${i}].entry`, "'ppmid' entry needs a PPMID in the premises");
  });
  const group: PremisesGroup = {
    count: int(o, 'count', at, 1, PREMISES_MAX, 1),
    devices,
    consumption: {
      profile: oneOf(c, 'profile', `${at}.consumption`, ['household'] as const, 'household'),
      scalePct: int(c, 'scalePct', `${at}.consumption`, 0, 10_000, 100),
      generation: bool(c, 'generation', `${at}.consumption`, true),
      gasScalePct: int(c, 'gasScalePct', `${at}.consumption`, 0, 10_000, 100),
    },
    reads,
    topUps,
    han: han(o.han ?? {}, `${at}.han`),
    paymentMode,
    electricity: meterSetup(o.electricity, `${at}.electricity`, 'ESME', paymentMode),
    tariffChanges: tariffChanges(o, at),
    firmwareUpdates: firmwareUpdates(o, at, devices),
    consumer: consumerHabit(o.consumer, `${at}.consumer`),
  };
  if (o.gas !== undefined) {
    if (!has('GSME')) fail(`${at}.gas`, 'the premises has no GSME');
    group.gas = meterSetup(o.gas, `${at}.gas`, 'GSME', paymentMode);
  }
  return group;
}

function deviceList(o: Record<string, unknown>, at: string): DeviceTypeName[] {
  const devices = list(o, 'devices', at, DEVICES_PER_PREMISES_MAX);
  if (devices.length === 0) fail(`${at}.devices`, 'at least one device');
  devices.forEach((d, i) => {
    if (typeof d !== 'string' || !(KNOWN_DEVICE_TYPES as readonly string[]).includes(d)) fail(`${at}.devices[${i}]`, `expected one of ${KNOWN_DEVICE_TYPES.join(', ')}, got ${JSON.stringify(d)}`);
    if (!(IMPLEMENTED_DEVICE_TYPES as readonly string[]).includes(d)) fail(`${at}.devices[${i}]`, `${d} is not implemented by the firmware yet (implemented: ${IMPLEMENTED_DEVICE_TYPES.join(', ')})`);
  });
  const typed = devices as DeviceTypeName[];
  const count = (type: DeviceTypeName) => typed.filter((d) => d === type).length;
  if (count('ESME') !== 1) fail(`${at}.devices`, 'a premises has exactly one ESME');
  for (const one of ['CHF', 'GPF', 'GSME'] as const) if (count(one) > 1) fail(`${at}.devices`, `a premises has at most one ${one}`);
  // devices 6.3: the GSME is reached only through the GPF of a communications hub (CHF + GPF).
  if (count('GSME') === 1 && count('GPF') === 0) fail(`${at}.devices`, 'a GSME needs the hub\'s GPF (add "GPF" and "CHF")');
  if (count('GPF') === 1 && count('CHF') === 0) fail(`${at}.devices`, 'a GPF is part of a communications hub (add "CHF")');
  if ((count('PPMID') > 0 || count('HCALCS') > 0 || count('IHD') > 0) && count('CHF') === 0) fail(`${at}.devices`, 'HAN devices (PPMID, HCALCS, IHD) need a communications hub (add "CHF")');
  return typed;
}

function readHabit(value: unknown, at: string): ReadHabit {
  const o = object(value, at, ['party', 'useCase', 'localTime', 'spreadMin']);
  const localTime = str(o, 'localTime', at, '01:00');
  if (parseLocalTime(localTime) === undefined) fail(`${at}.localTime`, `expected UK local 'HH:MM', got '${localTime}'`);
  return {
    party: oneOf(o, 'party', at, READ_PARTIES, 'NETWORK_OPERATOR'),
    useCase: oneOf(o, 'useCase', at, READ_USE_CASES, 'ECS17a'),
    localTime,
    spreadMin: int(o, 'spreadMin', at, 0, 1_380, 30),
  };
}

function topUpHabit(value: unknown, at: string): TopUpHabit {
  const o = object(value, at, ['useCase', 'entry', 'weekday', 'localTime', 'valuePounds', 'valuePoundsMax', 'everyWeeks', 'latePerMille', 'lateDaysMax']);
  const localTime = str(o, 'localTime', at, '18:00');
  if (parseLocalTime(localTime) === undefined) fail(`${at}.localTime`, `expected UK local 'HH:MM', got '${localTime}'`);
  const valuePounds = int(o, 'valuePounds', at, 1, TOP_UP_POUNDS_MAX, 20);
  return {
    useCase: oneOf(o, 'useCase', at, TOP_UP_USE_CASES),
    entry: oneOf(o, 'entry', at, TOP_UP_ENTRIES, 'remote'),
    weekday: int(o, 'weekday', at, 1, 7, 6),
    localTime,
    valuePounds,
    valuePoundsMax: int(o, 'valuePoundsMax', at, valuePounds, TOP_UP_POUNDS_MAX, valuePounds),
    everyWeeks: int(o, 'everyWeeks', at, 1, 52, 1),
    latePerMille: int(o, 'latePerMille', at, 0, 1000, 0),
    lateDaysMax: int(o, 'lateDaysMax', at, 1, 6, 1),
  };
}

function han(value: unknown, at: string): HanSpec {
  const o = object(value, at, Object.keys(HAN_DEFAULTS));
  const d = HAN_DEFAULTS;
  const spec: HanSpec = {
    latencyMinMs: int(o, 'latencyMinMs', at, 0, 60_000, d.latencyMinMs),
    latencyMaxMs: int(o, 'latencyMaxMs', at, 0, 60_000, d.latencyMaxMs),
    lossPerMille: int(o, 'lossPerMille', at, 0, 1000, d.lossPerMille),
    retriesMax: int(o, 'retriesMax', at, 0, 10, d.retriesMax),
    retryMs: int(o, 'retryMs', at, 1, 60_000, d.retryMs),
    gsmeWakeMin: int(o, 'gsmeWakeMin', at, 1, 1_440, d.gsmeWakeMin),
    gsmeCommandTimeoutMin: int(o, 'gsmeCommandTimeoutMin', at, 1, 10_080, d.gsmeCommandTimeoutMin),
    ihdRefreshMin: int(o, 'ihdRefreshMin', at, 1, 1_440, d.ihdRefreshMin),
  };
  if (spec.latencyMinMs > spec.latencyMaxMs) fail(`${at}.latencyMinMs`, 'must not exceed latencyMaxMs');
  return spec;
}
