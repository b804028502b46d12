import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { REFERENCE_PARTIES, REFERENCE_TEST_PKI_SEED, ReferenceKeyring } from '../conformance/reference-keyring.js';
import { Firmware, type FirmwareBuild } from '../firmware.js';
import { provisioningRecord } from '../provisioning.js';
import { SecureElement } from '../secure-element.js';
import { DEVICE_TYPES, Status, type DeviceTypeName } from '../status.js';
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

export class EmulatedFleet implements DeviceGateway {
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

  #collect(nowMs: number): void {
    const byDevice = new Map([...this.slots].map(([id, slot]) => [slot, id]));
    for (const message of this.firmware.drainOutbox()) {
      const deviceId = byDevice.get(message.slot);
      if (deviceId !== undefined && message.channel === 'WAN') this.#push({ dueMs: nowMs + WAN_LATENCY_MS, direction: 'up', deviceId, bytes: message.bytes });
    }
  }
}
