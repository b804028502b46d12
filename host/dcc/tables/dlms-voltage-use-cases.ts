// SR 6.5 Update Device Configuration (Voltage) on an ESME (GBCS 5.5, ECS29a-d) as data: which
// DLMS item carries which DUIS element, in the order of the RTDS reference commands (they differ
// per use case). Single-phase bodies carry SinglePhaseVoltageSettings, polyphase ones one
// PolyPhaseVoltageSettings per Phase; RMSVoltageCountersNotReset drops the counter resets.

/** A set of a double-long-unsigned from a body element (of phase `phase` when the body is polyphase), or a counter reset. */
export type VoltageItem =
  | readonly [kind: 'set', classId: number, obis: string, member: number, element: string, phase?: number]
  | readonly [kind: 'reset', classId: number, obis: string, member: number];

export interface VoltageUseCase {
  readonly useCase: string;
  readonly polyphase: boolean;
  readonly resetCounters: boolean;
  readonly items: readonly VoltageItem[];
}

/** OBIS group C of each phase (L1 32, L2 52, L3 72). */
const PHASE_GROUP: Readonly<Record<number, number>> = { 1: 32, 2: 52, 3: 72 };
/** The four RMS voltage limiters: extreme over / under, sag, swell (class 71 threshold .4, period .6). */
const LIMITERS = ['RMSExtremeOverVoltage', 'RMSExtremeUnderVoltage', 'RMSVoltageSag', 'RMSVoltageSwell'];

const period = (phase: number): VoltageItem => ['set', 7, `1-0:${PHASE_GROUP[phase]}.24.0.255`, 4, 'AverageRMSVoltageMeasurementPeriod', phase];
const over = (phase: number): VoltageItem => ['set', 1, `1-0:${PHASE_GROUP[phase]}.35.0.4`, 2, 'AverageRMSOverVoltageThreshold', phase];
const under = (phase: number): VoltageItem => ['set', 1, `1-0:${PHASE_GROUP[phase]}.31.0.4`, 2, 'AverageRMSUnderVoltageThreshold', phase];
const resets = (phase: number): VoltageItem[] => [['reset', 3, `1-0:${PHASE_GROUP[phase]}.32.0.4`, 1], ['reset', 3, `1-0:${PHASE_GROUP[phase]}.36.0.4`, 1]];
const limiters: VoltageItem[] = LIMITERS.flatMap((name, k): VoltageItem[] => [
  ['set', 71, `0-0:17.0.${k + 1}.255`, 4, `${name}Threshold`],
  ['set', 71, `0-0:17.0.${k + 1}.255`, 6, `${name}MeasurementPeriod`],
]);
const L1 = [1];
const ALL = [1, 2, 3];

export const VOLTAGE_USE_CASES: readonly VoltageUseCase[] = [
  { useCase: 'ECS29a', polyphase: false, resetCounters: true, items: [period(1), ...limiters, over(1), under(1), ...resets(1)] },
  { useCase: 'ECS29b', polyphase: true, resetCounters: true, items: [...ALL.map(period), ...limiters, over(1), under(1), under(2), over(2), under(3), over(3), ...ALL.flatMap(resets)] },
  { useCase: 'ECS29c', polyphase: false, resetCounters: false, items: [...L1.flatMap((p) => [under(p), over(p)]), period(1), ...limiters] },
  { useCase: 'ECS29d', polyphase: true, resetCounters: false, items: [...ALL.flatMap((p) => [under(p), over(p)]), ...ALL.map(period), ...limiters] },
];
