import { hanDevices } from './inventory.js';
import type { DeviceType } from '../../gbcs/tables/message-codes.js';
import { findTexts } from './access-control.js';
import { parseDuisRequest, type DuisRequest } from './duis/request.js';
import type { DccService, SyncReply } from './service.js';
import { srvRow, type UserRole } from './tables/srv-catalogue.js';
import { transform } from './transform/transform.js';
import { el, indented, textEl } from './xml/xml-write.js';
import { childElements, localName, textOf, type XmlElement } from './xml/xml-tree.js';
import { writeXmlDocument } from './xml/xml-write.js';

// Requests the DCC holds and sends later (dcc.md 7.2, 8): DSP future-dated requests (a
// non-critical request with an ExecutionDateTime, sent at that time) and DSP schedules (SR 5.1:
// a read SRV run Daily / Weekly / Monthly from ScheduleStartDate at 00:00 UTC, with its log
// period given as day offsets and times; 5.2 reads, 5.3 deletes, owner only). Each run is a
// child request logged SCHEDULED, answered to the owner's callback like an on-demand request.

export interface HeldRun {
  id: string;
  kind: 'future-dated' | 'schedule';
  ownerUserId: string;
  srv: string;
  deviceId: string;
  deviceType: DeviceType;
  role?: UserRole;
  nextRunMs: number;
  /** future-dated: the request as received. */
  requestXml?: string;
  /** schedule: frequency and the DSP body's relative period. */
  frequency?: 'Daily' | 'Weekly' | 'Monthly';
  bodyName?: string;
  period?: { startDateOffset: number; startTime: string; endDateOffset: number; endTime: string };
}

/** Held requests and schedules at once; beyond it new ones are refused (E12) [A]. */
export const HELD_RUNS_MAX = 100_000;
const DAY_MS = 86_400_000;
/** Children per schedule run: one (a schedule names one device). */
const SCHEDULE_NOT_FOUND = 'E050201';
const FREQUENCIES = ['Daily', 'Weekly', 'Monthly'] as const;

/** Holds a DSP future-dated request until its ExecutionDateTime (dcc.md 7.2). */
export function holdFutureDated(service: DccService, request: DuisRequest, deviceType: DeviceType, role: UserRole | undefined, runMs: number): SyncReply {
  const state = service.state;
  if (state.heldRuns.length >= HELD_RUNS_MAX) return service.reply(request.requestId.text, 'E12');
  state.heldRuns.push({
    id: request.requestId.text, kind: 'future-dated', ownerUserId: request.requestId.originator, srv: request.srv, deviceId: request.requestId.target, deviceType,
    ...(role ? { role } : {}), nextRunMs: runMs, requestXml: writeXmlDocument(request.root),
  });
  return service.reply(request.requestId.text, 'I99');
}

function scheduleRow(s: HeldRun): XmlElement {
  return el('sr:DSPSchedule', [], indented([textEl('sr:DSPScheduleID', s.id), textEl('sr:ServiceReferenceVariant', s.srv), textEl('sr:DeviceID', s.deviceId), textEl('sr:ScheduleFrequency', s.frequency ?? ''), textEl('sr:NextRun', new Date(s.nextRunMs).toISOString())], 5));
}

/** SR 5.1, 5.2, 5.3 (CV 8, after access control). */
export function handleSchedule(service: DccService, request: DuisRequest, nowMs: number): SyncReply {
  const state = service.state;
  const id = request.requestId.text;
  const owner = request.requestId.originator;
  if (request.srv !== '5.1') {
    const scheduleId = findTexts(request.body, 'DSPScheduleID')[0];
    const index = state.heldRuns.findIndex((s) => s.kind === 'schedule' && s.id === scheduleId && s.ownerUserId === owner);
    if (index < 0) return service.reply(id, SCHEDULE_NOT_FOUND);
    service.acceptCounter(request);
    if (request.srv === '5.3') {
      state.heldRuns.splice(index, 1);
      return service.reply(id, 'I99');
    }
    return service.reply(id, 'I0', { kind: 'xml', srv: request.srv, elements: [scheduleRow(state.heldRuns[index]!)] });
  }
  const srv = findTexts(request.body, 'DSPScheduledServiceReferenceVariant')[0] ?? '';
  const frequency = findTexts(request.body, 'ScheduleFrequency')[0] as HeldRun['frequency'];
  const deviceId = findTexts(request.body, 'DeviceID')[0] ?? '';
  const device = state.devices.get(deviceId);
  const dspBody = childElements(request.body).find((c) => localName(c.name).startsWith('DSP') && childElements(c).length > 0);
  // dcc.md 8: only read (4.x) SRVs are schedulable.
  if (!srv.startsWith('4.') || !srvRow(srv) || !frequency || !FREQUENCIES.includes(frequency) || !device || !dspBody || state.heldRuns.length >= HELD_RUNS_MAX) return service.reply(id, 'E12');
  const text = (local: string): string => textOf(childElements(dspBody).find((c) => localName(c.name) === local) ?? dspBody).trim();
  const start = Date.parse(`${findTexts(request.body, 'ScheduleStartDate')[0] ?? ''}T00:00:00Z`);
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const firstRun = Math.max(Number.isFinite(start) ? start : today, nowMs > today ? today + DAY_MS : today);
  const scheduleId = String(++state.scheduleSequence);
  state.heldRuns.push({
    id: scheduleId, kind: 'schedule', ownerUserId: owner, srv, deviceId, deviceType: device.deviceType, nextRunMs: firstRun, frequency,
    bodyName: localName(dspBody.name).slice('DSP'.length),
    period: { startDateOffset: Number(text('StartDateOffset')), startTime: text('StartTime'), endDateOffset: Number(text('EndDateOffset')), endTime: text('EndTime') },
  });
  service.acceptCounter(request);
  return service.reply(id, 'I0', { kind: 'xml', srv: '5.1', elements: [textEl('sr:DSPScheduleID', scheduleId)] });
}

export function nextHeldRunMs(service: DccService): number | undefined {
  let next: number | undefined;
  for (const s of service.state.heldRuns) if (next === undefined || s.nextRunMs < next) next = s.nextRunMs;
  return next;
}

function nextRun(ms: number, frequency: HeldRun['frequency']): number {
  if (frequency === 'Weekly') return ms + 7 * DAY_MS;
  if (frequency === 'Monthly') {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return ms + DAY_MS;
}

function periodTime(runMs: number, offsetDays: number, time: string): string {
  const day = new Date(runMs + offsetDays * DAY_MS).toISOString().slice(0, 10);
  return `${day}T${time}`;
}

/** Runs every held request and schedule due at nowMs (the runtime calls it in time order). */
export function runDueHeld(service: DccService, nowMs: number): void {
  const state = service.state;
  for (const run of state.heldRuns.filter((s) => s.nextRunMs <= nowMs)) {
    if (run.kind === 'future-dated') {
      state.heldRuns.splice(state.heldRuns.indexOf(run), 1);
      const request = parseDuisRequest(run.requestXml!, service.config.schemaVersions);
      const outcome = transform(request, { security: service.security, encoders: service.options.encoders, deviceType: run.deviceType, role: run.role, nowMs, deviceTypeOf: (id) => service.state.devices.get(id)?.deviceType, target: service.state.devices.get(request.requestId.target), hanDevicesOf: (chfId) => hanDevices(service.state, chfId) });
      if (outcome.kind === 'command') service.sendToDevice(request, outcome.bytes, nowMs);
      state.log({ kind: 'REQUEST', tMs: nowMs, requestId: run.id, userId: run.ownerUserId, srv: run.srv, cv: 1, responseCode: 'I99', detail: 'FUTURE_DATED' });
      continue;
    }
    runSchedule(service, run, nowMs);
    run.nextRunMs = nextRun(run.nextRunMs, run.frequency);
  }
}

function runSchedule(service: DccService, run: HeldRun, nowMs: number): void {
  const p = run.period!;
  const body = el(`sr:${run.bodyName}`, [], indented([
    el('sr:ReadLogPeriod', [], indented([textEl('sr:StartDateTime', periodTime(nowMs, p.startDateOffset, p.startTime)), textEl('sr:EndDateTime', periodTime(nowMs, p.endDateOffset, p.endTime))], 3)),
  ], 2));
  // Child requests carry a DCC-generated counter (epoch milliseconds, as DCC Boxed tooling does [K]).
  const counter = BigInt(nowMs);
  const requestId = { originator: run.ownerUserId, target: run.deviceId, counter, text: `${run.ownerUserId}:${run.deviceId}:${counter}` };
  const request: DuisRequest = { root: body, requestId, cv: 1, serviceReference: run.srv.split('.').slice(0, 2).join('.'), srv: run.srv, body };
  const outcome = transform(request, { security: service.security, encoders: service.options.encoders, deviceType: run.deviceType, role: undefined, nowMs, deviceTypeOf: (id) => service.state.devices.get(id)?.deviceType, target: service.state.devices.get(request.requestId.target), hanDevicesOf: (chfId) => hanDevices(service.state, chfId) });
  if (outcome.kind === 'command') service.sendToDevice(request, outcome.bytes, nowMs);
  service.state.log({ kind: 'REQUEST', tMs: nowMs, requestId: requestId.text, userId: run.ownerUserId, srv: run.srv, cv: 1, responseCode: outcome.kind === 'command' ? 'I99' : 'EX-NOT-SUPPORTED', detail: 'SCHEDULED' });
}
