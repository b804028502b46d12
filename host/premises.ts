import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import { EmulatorError } from '../gbcs/errors.js';
import { parseEnvelope } from '../gbcs/envelope.js';
import { readDeviceCounters } from './device-view.js';
import { Firmware, type FirmwareBuild } from './firmware.js';
import { HeadEnd, ECS17A_MESSAGE_CODE, ecs17aContent, responseRegisterValues } from './head-end.js';
import { LookupKeyring } from './keyring.js';
import { drawHalfHour, HALF_HOUR_MS, HALF_HOURS_PER_DAY } from './load-model.js';
import { PrngStreams } from './prng.js';
import { provisioningRecord, type TrustAnchor } from './provisioning.js';
import { refusalRuleInput, type RefusalRule } from './local-inputs.js';
import { Scheduler } from './scheduler.js';
import { SecureElement } from './secure-element.js';
import { TestPki } from '../gbcs/keys/test-pki.js';
import { CHANNEL, DEVICE_TYPES, ROLE, Status, statusName } from './status.js';
import { TraceRecorder } from './trace.js';

// The default premises (issue 3: one meter that records energy and answers one read, growing
// as device issues land): an ESME with half-hourly consumption and rooftop generation, read
// daily by the network operator with ECS17a over a seeded SM WAN link. Everything random comes
// from named streams of one seed; the run ends with its trace hash.

export const DAY_MS = 86_400_000;
/** 2026-01-05T00:00:00Z, a Monday: the default start of a run. */
export const DEFAULT_START_MS = Date.UTC(2026, 0, 5);
export const SUPPLIER_EUI = '90B3D51F30010000';
export const NETWORK_OPERATOR_EUI = '90B3D51F30020000';
export const ACB_EUI = '90B3D51F30000002';
export const DEFAULT_ESME_EUI = '00DB000000000001';
/** The remote parties every device of the premises trusts; entry i is secure-element key slot i. */
export const PREMISES_PARTIES: readonly TrustAnchor[] = [
  { eui: SUPPLIER_EUI, role: ROLE.SUPPLIER },
  { eui: NETWORK_OPERATOR_EUI, role: ROLE.NETWORK_OPERATOR },
  { eui: ACB_EUI, role: ROLE.ACB },
];
const WAN_LATENCY_MS_MIN = 150;
const WAN_LATENCY_MS_MAX = 2_500;
const DAILY_READ_OFFSET_MS = 60 * 60 * 1000; // reads start at 01:00 UTC ...
const DAILY_READ_JITTER_MS = 30 * 60 * 1000; // ... spread over half an hour

export interface PremisesOptions {
  seed: bigint;
  days: number;
  startMs?: number;
  build?: FirmwareBuild;
  provider?: CryptoProvider;
  /** Device-level refusals applied to the ESME (fault injection, devices.md 1.3). */
  refusals?: readonly RefusalRule[];
  /** Called after every event with the virtual time reached (progress bars). */
  onProgress?: (nowMs: number, startMs: number, endMs: number) => void;
}

export interface DeviceSummary {
  eui: string;
  deviceType: string;
  messagesIn: number;
  messagesOut: number;
  rejected: number;
  alerts: number;
  importActiveWh: number;
  exportActiveWh: number;
  importReactiveVarh: number;
  /** Log pages the device owns (memory grows with what it recorded). */
  logPages: number;
  /** Balance in milli-pence where the device runs prepayment (not yet: the ledger issue). */
  balance?: string;
}

export interface RemotePartySummary {
  eui: string;
  role: string;
  commandsSent: number;
  responsesVerified: number;
  responsesRejected: number;
  /** Reads whose export register value equalled the meter's own register when it answered. */
  readsMatchingMeter: number;
  lastExportActiveWhRead: number | null;
}

export interface RunResult {
  seed: string;
  days: number;
  start: string;
  end: string;
  devices: DeviceSummary[];
  remoteParties: RemotePartySummary[];
  scheduledEvents: number;
  traceEvents: number;
  traceHash: string;
}

export class PremisesRunError extends EmulatorError {
  override name = 'PremisesRunError';
  constructor(
    readonly seed: bigint,
    readonly atMs: number,
    detail: string,
  ) {
    super(`${detail} at ${new Date(atMs).toISOString()} (reproduce: smartmeter simulate --seed ${seed})`);
  }
}

export function runPremises(options: PremisesOptions): RunResult {
  const { seed, days } = options;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const startMs = options.startMs ?? DEFAULT_START_MS;
  const endMs = startMs + days * DAY_MS;
  const provider = options.provider ?? createNodeProvider();
  const keys = new TestPki(seed, provider, { organisations: PREMISES_PARTIES });
  const streams = new PrngStreams(seed);
  const scheduler = new Scheduler(startMs);
  const trace = new TraceRecorder();
  const secureElement = new SecureElement(provider);
  const firmware = new Firmware(secureElement, options.build);
  const headEnd = new HeadEnd(provider, keys, ACB_EUI);

  const esme = { slot: 0, eui: DEFAULT_ESME_EUI };
  const reader: RemotePartySummary = {
    eui: NETWORK_OPERATOR_EUI, role: 'NETWORK_OPERATOR', commandsSent: 0, responsesVerified: 0,
    responsesRejected: 0, readsMatchingMeter: 0, lastExportActiveWhRead: null,
  };
  const expectedExport = new Map<bigint, number>(); // counter -> meter's export register when it answered

  secureElement.attach(esme.slot, new LookupKeyring(provider, keys, esme.eui, PREMISES_PARTIES.map((p) => p.eui)));
  const provisioning = provisioningRecord(esme.eui, PREMISES_PARTIES);
  const created = firmware.createDevice(esme.slot, DEVICE_TYPES.ESME, startMs, provisioning);
  if (created !== Status.OK) throw new PremisesRunError(seed, startMs, `createDevice returned ${statusName(created)}`);
  trace.record('create', startMs, esme.eui, CHANNEL.LOCAL, provisioning);
  for (const rule of options.refusals ?? []) {
    const input = refusalRuleInput(rule);
    const status = firmware.deliverMessage(esme.slot, 'LOCAL', input, startMs);
    if (status !== Status.OK) throw new PremisesRunError(seed, startMs, `refusal rule refused: ${statusName(status)}`);
    trace.record('deliver', startMs, esme.eui, CHANNEL.LOCAL, input);
  }

  const wan = streams.stream(`wan:${esme.eui}`);
  const load = streams.stream(`load:${esme.eui}`);
  const habits = streams.stream(`head-end:${NETWORK_OPERATOR_EUI}`);

  const deliver = (nowMs: number, channel: keyof typeof CHANNEL, bytes: Uint8Array) => {
    trace.record('deliver', nowMs, esme.eui, CHANNEL[channel], bytes);
    const status = firmware.deliverMessage(esme.slot, channel, bytes, nowMs);
    if (status !== Status.OK) trace.record('status', nowMs, esme.eui, status, new Uint8Array(0));
    for (const message of firmware.drainOutbox()) {
      trace.record('emit', nowMs, esme.eui, CHANNEL[message.channel], message.bytes);
      if (message.channel === 'WAN') {
        const counter = parseEnvelope(message.bytes).transactionId;
        expectedExport.set(counter, readDeviceCounters(firmware, esme.slot).exportActiveWh);
        scheduler.after(wan.nextRange(WAN_LATENCY_MS_MIN, WAN_LATENCY_MS_MAX), () => receiveAtHeadEnd(message.bytes));
      }
    }
    return status;
  };

  const receiveAtHeadEnd = (bytes: Uint8Array) => {
    try {
      const message = headEnd.open(bytes);
      const env = message.envelope;
      reader.responsesVerified++;
      const [exportWh] = responseRegisterValues(message);
      if (exportWh !== undefined) {
        reader.lastExportActiveWhRead = exportWh;
        if (expectedExport.get(env.transactionId) === exportWh) reader.readsMatchingMeter++;
      }
      expectedExport.delete(env.transactionId);
    } catch (error) {
      if (!(error instanceof EmulatorError)) throw error;
      reader.responsesRejected++;
    }
  };

  const consumption = new Uint8Array(17);
  const consumptionView = new DataView(consumption.buffer);
  const scheduleHalfHour = (atMs: number) => {
    if (atMs > endMs) return;
    scheduler.at(atMs, (nowMs) => {
      // The increment of the half-hour ending now (devices 0.3 step 1).
      const slotOfDay = (Math.floor((nowMs - HALF_HOUR_MS) / HALF_HOUR_MS) % HALF_HOURS_PER_DAY + HALF_HOURS_PER_DAY) % HALF_HOURS_PER_DAY;
      const inc = drawHalfHour(load, slotOfDay, true);
      consumption[0] = 1; // LOCAL_CONSUMPTION
      consumptionView.setInt32(1, inc.importActiveWh, true);
      consumptionView.setInt32(5, inc.exportActiveWh, true);
      consumptionView.setInt32(9, inc.importReactiveVarh, true);
      consumptionView.setInt32(13, inc.exportReactiveVarh, true);
      const status = deliver(nowMs, 'LOCAL', consumption);
      if (status !== Status.OK) throw new PremisesRunError(seed, nowMs, `consumption refused with ${statusName(status)}`);
      scheduleHalfHour(nowMs + HALF_HOUR_MS);
    });
  };
  scheduleHalfHour(startMs + HALF_HOUR_MS);

  for (let day = 0; day < days; day++) {
    const sendAt = startMs + day * DAY_MS + DAILY_READ_OFFSET_MS + habits.nextInt(DAILY_READ_JITTER_MS);
    scheduler.at(sendAt, () => {
      const command = headEnd.buildCommand(NETWORK_OPERATOR_EUI, esme.eui, ECS17A_MESSAGE_CODE, ecs17aContent);
      reader.commandsSent++;
      scheduler.after(wan.nextRange(WAN_LATENCY_MS_MIN, WAN_LATENCY_MS_MAX), (nowMs) => deliver(nowMs, 'WAN', command.bytes));
    });
  }

  scheduler.runUntil(endMs, options.onProgress ? (now) => options.onProgress!(now, startMs, endMs) : undefined);
  const status = firmware.advanceTime(esme.slot, endMs);
  if (status !== Status.OK) throw new PremisesRunError(seed, endMs, `advanceTime returned ${statusName(status)}`);

  const counters = readDeviceCounters(firmware, esme.slot);
  return {
    seed: seed.toString(),
    days,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    devices: [{
      eui: esme.eui, deviceType: 'ESME', messagesIn: counters.messagesIn, messagesOut: counters.messagesOut,
      rejected: counters.rejectedCount, alerts: counters.alertsRaised, importActiveWh: counters.importActiveWh,
      exportActiveWh: counters.exportActiveWh, importReactiveVarh: counters.importReactiveVarh, logPages: counters.pageCount,
    }],
    remoteParties: [reader],
    scheduledEvents: scheduler.eventsRun,
    traceEvents: trace.events,
    traceHash: trace.digest(),
  };
}
