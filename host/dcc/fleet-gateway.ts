import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { REFERENCE_PARTIES, REFERENCE_TEST_PKI_SEED, ReferenceKeyring } from '../conformance/reference-keyring.js';
import { Firmware, type FirmwareBuild } from '../firmware.js';
import { provisioningRecord } from '../provisioning.js';
import { SecureElement } from '../secure-element.js';
import { DEVICE_TYPES, Status, statusName, type DeviceTypeName } from '../status.js';
import { hanLogEntryInput } from '../local-inputs.js';
import { blockRequestInput, firmwareImageInput, hanBlock, transferResultInput, TRANSFER_DELIVERED, TRANSFER_FAILED } from '../firmware-inputs.js';
import { FIRMWARE_BLOCK_BYTES } from '../world/firmware-distribution.js';
import type { FirmwareDistributionOutcome, FirmwareDistributor } from './firmware-update.js';
import type { DeviceGateway } from './service.js';
import { euiFromDuis } from './duis/request.js';

// The emulated devices behind the DCC endpoint: one firmware instance holding the devices of the
// DCC's inventory whose type the firmware implements, with the reference identities (so the
// commands the DCC MACs with the reference ACB key verify, host/conformance/reference-keyring.ts).
// The SM WAN is a fixed one-way latency in virtual time [A]; commands and device messages wait
// in one queue ordered by due time, then insertion (a total order: runs repeat exactly).

/** One-way SM WAN latency (dcc.md 12.2 default median 5 s) [A]. */
export const WAN_LATENCY_MS = 5_000;
/** Messages in flight at once; a full queue is an assert (the model is wrong, STYLE.md). */
export const WAN_QUEUE_MAX = 100_000;

interface InFlight {
  dueMs: number;
  seq: number;
  direction: 'down' | 'up';
  deviceId: string;
  bytes: Uint8Array;
}

/** The firmware's device type of an SMI device type; undefined when the firmware has none. */
function firmwareType(deviceType: string): DeviceTypeName | undefined {
  if (deviceType === 'LC') return 'SAPC';
  return deviceType in DEVICE_TYPES ? (deviceType as DeviceTypeName) : undefined;
}

/** GBCS 7 device types of a CHF device-log entry (host/local-inputs.ts HanLogEntry). */
const HAN_LOG_DEVICE_TYPE: Readonly<Record<string, number>> = { GSME: 0, ESME: 1, HCALCS: 4, PPMID: 5 };
/** A FIRMWARE_BLOCK input: kind, offset u32, then the bytes (host/firmware-inputs.ts). */
const BLOCK_INPUT_HEADER_BYTES = 5;

export class EmulatedFleet implements DeviceGateway, FirmwareDistributor {
  readonly firmware: Firmware;
  readonly slots = new Map<string, number>();
  readonly #secureElement: SecureElement;
  readonly #queue: InFlight[] = [];
  #seq = 0;
  readonly #pki: TestPki;

  constructor(
    private readonly provider: CryptoProvider,
    private readonly keystore: KeyLookup,
    build: FirmwareBuild = 'release',
  ) {
    this.#secureElement = new SecureElement(provider);
    this.firmware = new Firmware(this.#secureElement, build);
    this.#pki = new TestPki(REFERENCE_TEST_PKI_SEED, provider, { organisations: REFERENCE_PARTIES });
  }

  /** Creates a device; false when the firmware does not implement its type or refuses it. */
  addDevice(deviceId: string, deviceType: string, nowMs: number): boolean {
    const type = firmwareType(deviceType);
    if (!type || this.slots.has(deviceId)) return false;
    const slot = this.slots.size;
    const eui = euiFromDuis(deviceId);
    this.#secureElement.attach(slot, new ReferenceKeyring(this.provider, this.keystore, this.#pki, eui));
    const status = this.firmware.createDevice(slot, DEVICE_TYPES[type], nowMs, provisioningRecord(eui, REFERENCE_PARTIES));
    if (status !== Status.OK) return false;
    this.slots.set(deviceId, slot);
    return true;
  }

  /**
   * Installer state: the hub's device log lists a HAN device of its premises (devices 7.1, as the
   * reference CHF's lists the ESME and the GSME, Appendix S); false when either is not emulated or
   * the type has no device-log entry (the GPF is a function of the hub).
   */
  logHanDevice(chfId: string, deviceId: string, deviceType: string, nowMs: number): boolean {
    const hub = this.slots.get(chfId);
    const type = HAN_LOG_DEVICE_TYPE[deviceType];
    if (hub === undefined || type === undefined || !this.slots.has(deviceId)) return false;
    return this.firmware.deliverMessage(hub, 'LOCAL', hanLogEntryInput({ list: 'device', eui: euiFromDuis(deviceId), deviceType: type }), nowMs) === Status.OK;
  }

  #push(item: Omit<InFlight, 'seq'>): void {
    if (this.#queue.length >= WAN_QUEUE_MAX) throw new RangeError(`WAN queue over ${WAN_QUEUE_MAX}`); // model invariant
    this.#queue.push({ ...item, seq: this.#seq++ });
    this.#queue.sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq);
  }

  send(deviceId: string, bytes: Uint8Array, nowMs: number): void {
    this.#push({ dueMs: nowMs + WAN_LATENCY_MS, direction: 'down', deviceId, bytes });
  }

  /** Due time of the next message in flight, undefined when none. */
  nextDueMs(): number | undefined {
    return this.#queue[0]?.dueMs;
  }

  /**
   * Processes the next message due at or before `toMs`: a command is delivered to its device
   * (whose answers start their way up), a device message is handed to `upstream`. Returns false
   * when nothing was due.
   */
  step(toMs: number, upstream: (bytes: Uint8Array) => void): boolean {
    const item = this.#queue[0];
    if (!item || item.dueMs > toMs) return false;
    this.#queue.shift();
    if (item.direction === 'up') {
      upstream(item.bytes);
      return true;
    }
    const slot = this.slots.get(item.deviceId);
    // No emulated device (type not implemented): the command is lost, the DCC times out (E21).
    if (slot === undefined) return true;
    this.firmware.deliverMessage(slot, 'WAN', item.bytes, item.dueMs);
    this.#collect(item.dueMs);
    return true;
  }

  /** Moves every device's clock to `toMs` (autonomous behaviour, alerts). */
  advanceDevices(toMs: number): void {
    for (const slot of this.slots.values()) this.firmware.advanceTime(slot, toMs);
    this.#collect(toMs);
  }

  /**
   * SR 11.1 / 11.4 (host/dcc/firmware-update.ts): the image goes to the hub, then each device pulls
   * it block by block over the HAN at once [A: the DCC fleet has no HAN timing; host/world has] and
   * the hub is told how each transfer ended (it sends CCS08). Alerts go up the WAN as usual.
   */
  distributeFirmware(chfId: string, deviceIds: readonly string[], image: Uint8Array, nowMs: number): FirmwareDistributionOutcome[] {
    const hub = this.slots.get(chfId);
    if (hub === undefined) return deviceIds.map((deviceId) => ({ deviceId, delivered: false, detail: 'hub not emulated' }));
    const stored = this.firmware.deliverMessage(hub, 'LOCAL', firmwareImageInput(deviceIds.map(euiFromDuis), image), nowMs);
    this.#collect(nowMs);
    if (stored !== Status.OK) return deviceIds.map((deviceId) => ({ deviceId, delivered: false, detail: `hub refused the image: ${statusName(stored)}` }));
    return deviceIds.map((deviceId) => {
      const detail = this.#pullImage(hub, deviceId, image.length, nowMs);
      this.firmware.deliverMessage(hub, 'LOCAL', transferResultInput(euiFromDuis(deviceId), detail === '' ? TRANSFER_DELIVERED : TRANSFER_FAILED), nowMs);
      this.#collect(nowMs);
      return { deviceId, delivered: detail === '', detail: detail === '' ? `${image.length} bytes` : detail };
    });
  }

  /** The device pulls every block from the hub; '' when it took them all, else why not. */
  #pullImage(hub: number, deviceId: string, total: number, nowMs: number): string {
    const slot = this.slots.get(deviceId);
    if (slot === undefined) return 'device not emulated';
    for (let offset = 0; offset < total;) {
      this.firmware.deliverMessage(hub, 'LOCAL', blockRequestInput(euiFromDuis(deviceId), offset, FIRMWARE_BLOCK_BYTES), nowMs);
      const block = this.#collect(nowMs).map((m) => hanBlock(m)).find((b) => b !== undefined);
      if (!block) return `hub served no block at ${offset}`;
      const status = this.firmware.deliverMessage(slot, 'LOCAL', block.input, nowMs);
      this.#collect(nowMs);
      if (status !== Status.OK) return `device refused the block at ${offset}: ${statusName(status)}`;
      offset += block.input.length - BLOCK_INPUT_HEADER_BYTES;
    }
    return '';
  }

  /** Sends the devices' WAN messages on their way up; returns the HAN messages (firmware blocks from a hub). */
  #collect(nowMs: number): Uint8Array[] {
    const byDevice = new Map([...this.slots].map(([id, slot]) => [slot, id]));
    const han: Uint8Array[] = [];
    for (const message of this.firmware.drainOutbox()) {
      const deviceId = byDevice.get(message.slot);
      if (message.channel === 'HAN') han.push(message.bytes);
      if (deviceId !== undefined && message.channel === 'WAN') this.#push({ dueMs: nowMs + WAN_LATENCY_MS, direction: 'up', deviceId, bytes: message.bytes });
    }
    return han;
  }
}
