// The firmware ABI (ARCHITECTURE.md principle 3): a few coarse exports returning a Status,
// with inputs and outputs in the buffers of layout.ts. Only host/firmware.ts calls these.
// Time crosses as an f64 holding integer UTC milliseconds; device logic uses whole seconds.

import { DEVICES_MAX } from './layout';
import { Status } from './status';
import { arena } from './device/arena';
import { device, DEVICE_FREE, DeviceContext, TRUST_STORE_OFFSET, PAGE_TABLE_OFFSET } from './device/context';
import { computeAbiVersion, initArena, createDeviceIn, removeDeviceIn } from './device/lifecycle';
import { snapshotDeviceTo, restoreDeviceFrom } from './device/snapshot';
import { applyLocalInput } from './device/local-input';
import { runDueFirmwareActivation } from './device/activate-firmware';
import { recordRejection } from './device/rejections';
import { CHANNEL_WAN, CHANNEL_HAN, CHANNEL_LOCAL } from './outbox';
import { processHanMessage } from './han-devices/han-message';
import { ihdTick, IhdState, IhdScreen } from './han-devices/ihd';
import { PpmidState } from './han-devices/ppmid';
import { secondsOf } from './time';
import { processCommand } from './device/command';
import { Ledger } from './ledger/state';
import { nextLedgerBoundary, runBoundary, tickLedger } from './ledger/clock';
import { flushLedgerAlerts } from './ledger/alerts';
import { settleLedgerAfterCommand } from './ledger/config';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_SAPC } from './device/types';
import { runDueActivations } from './esme/activation';
import { runDueCredentialUpdate } from './credentials/pending';
import { LOCAL_POWER_EVENT as POWER_EVENT_KIND } from './power/power-event';
export { armPowerCut, powerWriteCount } from './power/journal';
export { JOURNAL_PAGE_ID } from './power/journal';
import { runDueGsmeActivations } from './gsme/future-dated';
import { advanceGsmeLedger } from './gsme/prepayment';
import { DEVICE_TYPE_GSME, DEVICE_TYPE_IHD } from './device/types';

export {
  ARENA_HEADER_BASE, INBOX_BASE, INBOX_BYTES, OUTBOX_BASE, OUTBOX_BYTES, OUTBOX_ENTRY_HEADER_BYTES,
  SNAPSHOT_BASE, SNAPSHOT_BYTES, DEVICE_BASE, DEVICE_BYTES, DEVICES_MAX, LOG_PAGE_BYTES, DEVICE_PAGES_MAX,
  STATIC_DATA_BASE,
} from './layout';
export { TRUST_STORE_OFFSET, PAGE_TABLE_OFFSET, TRUST_STORE_MAX } from './device/context';
export { LOG_ENTRIES_MAX, LOG_ENTRY_BYTES, LOG_HEADER_BYTES } from './logs/log';
export {
  LEDGER_PAGE_ID, UTRN_CACHE_OFFSET, UTRN_CACHE_MAX, ALERT_TRACE_OFFSET, ALERT_TRACE_MAX, TARIFF_OFFSET,
} from './ledger/state';
export { TOU_REGISTERS_OFFSET, BLOCK_REGISTERS_OFFSET, BLOCK_COUNTERS_OFFSET } from './tariff/tariff';
export {
  BDL_PAGE_ID, BDL_OVERFLOW_PAGE_ID, BDL_ENTRIES_MAX, BDL_CREDITS_OFFSET, BDL_DEBTS_OFFSET, BDL_SNAPSHOTS_OFFSET,
  BDL_SNAPSHOTS_IN_FIRST, SNAPSHOT_BYTES as BDL_SNAPSHOT_BYTES,
} from './ledger/billing-log';
export { ESME_STATE_OFFSET } from './esme/state';

// Field offsets of the prepayment ledger (ledger/state.ts) in its page, for the host's read-only view.
export const LEDGER_METER_BALANCE: u32 = <u32>offsetof<Ledger>('meterBalance');
export const LEDGER_EC_BALANCE: u32 = <u32>offsetof<Ledger>('ecBalance');
export const LEDGER_EC_GRANTED: u32 = <u32>offsetof<Ledger>('ecGranted');
export const LEDGER_ACCUMULATED_DEBT: u32 = <u32>offsetof<Ledger>('accumulatedDebt');
export const LEDGER_TIME_DEBT_1: u32 = <u32>offsetof<Ledger>('timeDebt1');
export const LEDGER_TIME_DEBT_2: u32 = <u32>offsetof<Ledger>('timeDebt2');
export const LEDGER_PAYMENT_DEBT: u32 = <u32>offsetof<Ledger>('paymentDebt');
export const LEDGER_CAP_USED: u32 = <u32>offsetof<Ledger>('capUsed');
export const LEDGER_CREDIT_MODE_BALANCE: u32 = <u32>offsetof<Ledger>('creditModeBalance');
export const LEDGER_CHARGE_ACC: u32 = <u32>offsetof<Ledger>('chargeAcc');
export const LEDGER_GAS_ENERGY_ACC: u32 = <u32>offsetof<Ledger>('gasEnergyAcc');
export const LEDGER_TIME_DEBT_ACC_1: u32 = <u32>offsetof<Ledger>('timeDebtAcc1');
export const LEDGER_TIME_DEBT_ACC_2: u32 = <u32>offsetof<Ledger>('timeDebtAcc2');
export const LEDGER_SUM_CREDIT: u32 = <u32>offsetof<Ledger>('sumCredit');
export const LEDGER_SUM_CONS_CHARGE: u32 = <u32>offsetof<Ledger>('sumConsCharge');
export const LEDGER_SUM_STANDING: u32 = <u32>offsetof<Ledger>('sumStanding');
export const LEDGER_SUM_STANDING_COLLECTED: u32 = <u32>offsetof<Ledger>('sumStandingCollected');
export const LEDGER_SUM_TIME_DEBT_1: u32 = <u32>offsetof<Ledger>('sumTimeDebt1');
export const LEDGER_SUM_TIME_DEBT_2: u32 = <u32>offsetof<Ledger>('sumTimeDebt2');
export const LEDGER_SUM_PAY_DEBT: u32 = <u32>offsetof<Ledger>('sumPayDebt');
export const LEDGER_SUM_ADR_REPAID: u32 = <u32>offsetof<Ledger>('sumAdrRepaid');
export const LEDGER_SUM_EC_GRANTED: u32 = <u32>offsetof<Ledger>('sumEcGranted');
export const LEDGER_SUM_EC_TO_ADR: u32 = <u32>offsetof<Ledger>('sumEcToAdr');
export const LEDGER_SUM_DEBT_INCREASE: u32 = <u32>offsetof<Ledger>('sumDebtIncrease');
export const LEDGER_SUM_DEBT_DECREASE: u32 = <u32>offsetof<Ledger>('sumDebtDecrease');
export const LEDGER_SUM_CREDIT_MODE_CHARGE: u32 = <u32>offsetof<Ledger>('sumCreditModeCharge');
export const LEDGER_EC_LIMIT: u32 = <u32>offsetof<Ledger>('ecLimit');
export const LEDGER_EC_THRESHOLD: u32 = <u32>offsetof<Ledger>('ecThreshold');
export const LEDGER_LOW_CREDIT_THRESHOLD: u32 = <u32>offsetof<Ledger>('lowCreditThreshold');
export const LEDGER_DISABLEMENT_THRESHOLD: u32 = <u32>offsetof<Ledger>('disablementThreshold');
export const LEDGER_MAX_METER_BALANCE: u32 = <u32>offsetof<Ledger>('maxMeterBalance');
export const LEDGER_MAX_CREDIT_THRESHOLD: u32 = <u32>offsetof<Ledger>('maxCreditThreshold');
export const LEDGER_CAP_AMOUNT: u32 = <u32>offsetof<Ledger>('capAmount');
export const LEDGER_LOCKED_UNTIL_S: u32 = <u32>offsetof<Ledger>('lockedUntilS');
export const LEDGER_LAST_BOUNDARY_S: u32 = <u32>offsetof<Ledger>('lastBoundaryS');
export const LEDGER_UTRN_COUNT: u32 = <u32>offsetof<Ledger>('utrnCount');
// The GSME keeps its valve state in its ledger (ledger/supply.ts); the ESME in esme/state.ts.
export const LEDGER_SUPPLY_STATE: u32 = <u32>offsetof<Ledger>('supplyState');
export const LEDGER_SUPPLY_CAUSE: u32 = <u32>offsetof<Ledger>('supplyCause');
export const LEDGER_ALERT_TRACE_COUNT: u32 = <u32>offsetof<Ledger>('alertTraceCount');
export const LEDGER_MODE: u32 = <u32>offsetof<Ledger>('mode');
export const LEDGER_EC_STATE: u32 = <u32>offsetof<Ledger>('ecState');
export const LEDGER_LOW_LATCHED: u32 = <u32>offsetof<Ledger>('lowLatched');
export const LEDGER_ND_83RAISED: u32 = <u32>offsetof<Ledger>('nd83Raised');
export const LEDGER_ND_ACTIVE: u32 = <u32>offsetof<Ledger>('ndActive');
export const LEDGER_UTRN_FAILURE_COUNT: u32 = <u32>offsetof<Ledger>('utrnFailureCount');

// Field offsets of the device context, for the host's read-only view (no per-field calls).
export const DEVICE_CONTEXT_BYTES: u32 = <u32>offsetof<DeviceContext>();
export const OFFSET_STATE: u32 = <u32>offsetof<DeviceContext>('state');
export const OFFSET_DEVICE_TYPE: u32 = <u32>offsetof<DeviceContext>('deviceType');
export const OFFSET_EUI: u32 = <u32>offsetof<DeviceContext>('eui');
export const OFFSET_CLOCK_S: u32 = <u32>offsetof<DeviceContext>('clockS');
/** The LOCAL input kind of mains power events (power/power-event.ts; host/world/power.ts sends them). */
export const LOCAL_POWER_EVENT: u32 = POWER_EVENT_KIND;
export const OFFSET_IMPORT_ACTIVE_WH: u32 = <u32>offsetof<DeviceContext>('importActiveWh');
export const OFFSET_EXPORT_ACTIVE_WH: u32 = <u32>offsetof<DeviceContext>('exportActiveWh');
export const OFFSET_IMPORT_REACTIVE_VARH: u32 = <u32>offsetof<DeviceContext>('importReactiveVarh');
export const OFFSET_EXPORT_REACTIVE_VARH: u32 = <u32>offsetof<DeviceContext>('exportReactiveVarh');
export const OFFSET_MESSAGES_IN: u32 = <u32>offsetof<DeviceContext>('messagesIn');
export const OFFSET_MESSAGES_OUT: u32 = <u32>offsetof<DeviceContext>('messagesOut');
export const OFFSET_REJECTED_COUNT: u32 = <u32>offsetof<DeviceContext>('rejectedCount');
export const OFFSET_ALERTS_RAISED: u32 = <u32>offsetof<DeviceContext>('alertsRaised');
export const OFFSET_PAGE_COUNT: u32 = <u32>offsetof<DeviceContext>('pageCount');

/** Prepares a fresh instance; call once before anything else. Returns the ABI version. */
export function init(): u32 {
  initArena();
  return arena().abiVersion;
}

export function abiVersion(): u32 {
  return computeAbiVersion();
}

/** Creates a device of `deviceType` in `slot` from the provisioning record (length bytes) in the INBOX. */
export function createDevice(slot: u32, deviceType: u32, nowMs: f64, length: u32): Status {
  arena().currentSlot = slot;
  return createDeviceIn(slot, deviceType, nowMs, length);
}

export function removeDevice(slot: u32): Status {
  arena().currentSlot = slot;
  return removeDeviceIn(slot);
}

/** Moves a device's clock to nowMs (never backwards) and runs what falls due. */
export function advanceTime(slot: u32, nowMs: f64): Status {
  const status = checkSlot(slot);
  if (status != Status.OK) return status;
  return advance(slot, nowMs);
}

/** Delivers the `length` bytes in the INBOX to a device on a channel, at nowMs. */
export function deliverMessage(slot: u32, channel: u32, length: u32, nowMs: f64): Status {
  let status = checkSlot(slot);
  if (status != Status.OK) return status;
  status = advance(slot, nowMs);
  if (status != Status.OK) return status;
  const d = device(slot);
  if (channel == CHANNEL_LOCAL) {
    status = applyLocalInput(slot, length);
    flushLedgerAlerts(slot);
    return status;
  }
  if (channel == CHANNEL_HAN) {
    // Device-to-device messages of the premises (han-devices/han-message.ts).
    status = processHanMessage(slot, length);
    flushLedgerAlerts(slot);
    return status;
  }
  if (channel != CHANNEL_WAN) return Status.BAD_INPUT;
  d.messagesIn++;
  status = processCommand(slot, length);
  if (status != Status.OK) recordRejection(slot, status);
  settleLedgerAfterCommand(slot); // a configuration the command wrote takes effect now (devices 4.2)
  flushLedgerAlerts(slot); // alerts a command caused follow its response (GBCS 2.1)
  return status;
}

/** Bytes of produced messages waiting at OUTBOX_BASE; the outbox is empty again after this call. */
export function readOutbox(): u32 {
  const a = arena();
  const used = a.outboxUsedBytes;
  a.outboxUsedBytes = 0;
  a.outboxCount = 0;
  return used;
}

/** Snapshot of one device at SNAPSHOT_BASE; returns its length or a negative Status. */
export function snapshotDevice(slot: u32): i32 {
  arena().currentSlot = slot;
  return snapshotDeviceTo(slot);
}

/** Restores the snapshot of `length` bytes at SNAPSHOT_BASE into a slot. */
export function restoreDevice(slot: u32, length: u32): Status {
  arena().currentSlot = slot;
  return restoreDeviceFrom(slot, length);
}

function checkSlot(slot: u32): Status {
  if (slot >= DEVICES_MAX) return Status.BAD_SLOT;
  arena().currentSlot = slot;
  if (device(slot).state == DEVICE_FREE) return Status.NO_DEVICE;
  return Status.OK;
}

function advance(slot: u32, nowMs: f64): Status {
  const d = device(slot);
  const nowS = secondsOf(nowMs);
  if (nowS < d.lastAdvanceS) return Status.BAD_TIME;
  d.clockS += nowS - d.lastAdvanceS;
  d.lastAdvanceS = nowS;
  const firmware = runDueFirmwareActivation(slot); // a future-dated CS06 (device/activate-firmware.ts)
  if (firmware != Status.OK) return firmware;
  // devices 0.3 step 2: future-dated activations due by now, before inputs of this instant.
  if (d.deviceType == DEVICE_TYPE_GSME) {
    const gbz = runDueGsmeActivations(slot); // GBZ future-dated components (GBCS 9.3)
    if (gbz != Status.OK) return gbz;
    advanceGsmeLedger(slot); // the gas meter's prepayment ledger (gsme/prepayment.ts)
    return flushLedgerAlerts(slot);
  }
  if (d.deviceType == DEVICE_TYPE_IHD) return ihdTick(slot); // the display's own read schedule
  if (d.deviceType != DEVICE_TYPE_ESME) {
    const due = runDueActivations(slot);
    if (due != Status.OK || d.deviceType != DEVICE_TYPE_SAPC) return due;
    return runDueCredentialUpdate(slot); // the SAPC's future-dated CS02g (sapc/sapc.ts)
  }
  // devices 0.3: the ledger's boundaries in chronological order; at each, the activations due by
  // then (step 2) before its steps 3-5, the device clock standing at the boundary meanwhile.
  const target = d.clockS;
  let t = nextLedgerBoundary(slot, target);
  while (t >= 0) {
    d.clockS = t;
    const status = runDueActivations(slot);
    if (status != Status.OK) {
      d.clockS = target;
      return status;
    }
    runBoundary(slot, t);
    t = nextLedgerBoundary(slot, target);
  }
  d.clockS = target;
  const due = runDueActivations(slot);
  if (due != Status.OK) return due;
  const credentials = runDueCredentialUpdate(slot); // future-dated CS02b / CS02g (credentials/pending.ts)
  if (credentials != Status.OK) return credentials;
  tickLedger(slot, target);
  return flushLedgerAlerts(slot);
}

// The PPMID's keypad top-ups and the IHD's display (han-devices/), for the host's read-only views.
export { PPMID_STATE_OFFSET, PENDING_TOP_UPS_MAX } from './han-devices/ppmid';
export { IHD_STATE_OFFSET, IHD_SCREEN_OFFSET, IHD_SCREEN_BYTES, IHD_SCREEN_VALUES_OFFSET, IHD_SCREENS_MAX } from './han-devices/ihd';
export const PPMID_COUNTER: u32 = <u32>offsetof<PpmidState>('counter');
export const PPMID_ENTERED: u32 = <u32>offsetof<PpmidState>('entered');
export const PPMID_ACCEPTED: u32 = <u32>offsetof<PpmidState>('accepted');
export const PPMID_REJECTED: u32 = <u32>offsetof<PpmidState>('rejected');
export const PPMID_UNANSWERED: u32 = <u32>offsetof<PpmidState>('unanswered');
export const PPMID_PENDING_COUNT: u32 = <u32>offsetof<PpmidState>('pendingCount');
export const PPMID_LAST_RESULT: u32 = <u32>offsetof<PpmidState>('lastResult');
export const PPMID_LAST_METER: u32 = <u32>offsetof<PpmidState>('lastMeter');
export const PPMID_LAST_VALUE: u32 = <u32>offsetof<PpmidState>('lastValue');
export const PPMID_LAST_CREDIT: u32 = <u32>offsetof<PpmidState>('lastCredit');
export const IHD_REFRESH_S: u32 = <u32>offsetof<IhdState>('refreshS');
export const IHD_NEXT_READ_S: u32 = <u32>offsetof<IhdState>('nextReadS');
export const IHD_READS_SENT: u32 = <u32>offsetof<IhdState>('readsSent');
export const IHD_ANSWERS: u32 = <u32>offsetof<IhdState>('answers');
export const IHD_ANSWERS_REFUSED: u32 = <u32>offsetof<IhdState>('answersRefused');
export const IHD_SCREEN_COUNT: u32 = <u32>offsetof<IhdState>('screenCount');
export const IHD_SCREEN_METER_EUI: u32 = <u32>offsetof<IhdScreen>('meterEui');
export const IHD_SCREEN_LAST_ANSWER_S: u32 = <u32>offsetof<IhdScreen>('lastAnswerS');
export const IHD_SCREEN_PRESENT: u32 = <u32>offsetof<IhdScreen>('present');
export const IHD_SCREEN_READS_SENT: u32 = <u32>offsetof<IhdScreen>('readsSent');
export const IHD_SCREEN_ANSWERS: u32 = <u32>offsetof<IhdScreen>('answers');
export const IHD_SCREEN_LOW_CREDIT_NOTICES: u32 = <u32>offsetof<IhdScreen>('lowCreditNotices');
export const IHD_SCREEN_EC_NOTICES: u32 = <u32>offsetof<IhdScreen>('ecNotices');
