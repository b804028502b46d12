import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FirmwareStatusError, FirmwareTrapError } from './errors.js';
import { SecureElement, SE_OK, SE_FAILED } from './secure-element.js';
import { Status, CHANNEL, type ChannelName } from './status.js';

// The only code that touches the firmware's raw exports (ARCHITECTURE.md principle 3). It
// survives memory growth: any memory.grow detaches every view, so views are re-created
// whenever the cached one has length 0, and pointers go through >>> 0.

/** The exports of firmware.wasm (assembly/index.ts). */
interface RawExports {
  memory: WebAssembly.Memory;
  init(): number;
  abiVersion(): number;
  createDevice(slot: number, deviceType: number, nowMs: number, length: number): number;
  removeDevice(slot: number): number;
  advanceTime(slot: number, nowMs: number): number;
  deliverMessage(slot: number, channel: number, length: number, nowMs: number): number;
  readOutbox(): number;
  snapshotDevice(slot: number): number;
  restoreDevice(slot: number, length: number): number;
  armPowerCut?(slot: number, afterWrite: number): void;
  powerWriteCount?(): number;
  [name: string]: unknown;
}

/** The wasm imports the firmware may have (a test fails on any other). */
export const IMPORT_ALLOW_LIST = [
  'secure_element.ecdh',
  'secure_element.ecdh_key',
  'secure_element.kdf',
  'secure_element.gcm_mac',
  'secure_element.gcm_encrypt',
  'secure_element.gcm_decrypt',
  'secure_element.sign',
  'secure_element.verify',
  'secure_element.utrn_mac',
  'secure_element.generate_key',
  'secure_element.sign_new_key',
  'platform.trap',
] as const;

export type FirmwareBuild = 'release' | 'debug';

/** The abort message of the firmware's power-cut fault (assembly/power/journal.ts POWER_CUT_MESSAGE). */
const POWER_CUT_MESSAGE = 'power cut';

/**
 * The armed power cut fired (armPowerCut): device `slot` lost power after a persistent write,
 * in the middle of `operation`. Its memory is what it had persisted; what it had not yet sent
 * (the outbox) is lost. The instance stays usable: take the image with snapshotDevice.
 */
export class PowerCutError extends Error {
  constructor(readonly slot: number, readonly operation: string) {
    super(`power cut in ${operation} of slot ${slot}`);
  }
}
const MAC_BYTES = 12;
const SIGNATURE_BYTES = 64;
const UTRN_MAC_BYTES = 4;

export function firmwarePath(build: FirmwareBuild = 'release'): string {
  const file = build === 'release' ? 'firmware.wasm' : 'firmware.debug.wasm';
  return fileURLToPath(new URL(`../build/${file}`, import.meta.url));
}

const moduleCache = new Map<string, WebAssembly.Module>();

/** The compiled module of a build (compiled once per process; modules are immutable). */
export function firmwareModule(build: FirmwareBuild = 'release'): WebAssembly.Module {
  const path = firmwarePath(build);
  let module = moduleCache.get(path);
  if (!module) {
    module = new WebAssembly.Module(readFileSync(path));
    moduleCache.set(path, module);
  }
  return module;
}

/** Layout numbers the firmware exports as globals (assembly/layout.ts, assembly/index.ts). */
export interface FirmwareLayout {
  INBOX_BASE: number;
  INBOX_BYTES: number;
  OUTBOX_BASE: number;
  OUTBOX_BYTES: number;
  OUTBOX_ENTRY_HEADER_BYTES: number;
  SNAPSHOT_BASE: number;
  SNAPSHOT_BYTES: number;
  DEVICE_BASE: number;
  DEVICE_BYTES: number;
  DEVICES_MAX: number;
  STATIC_DATA_BASE: number;
  LOG_PAGE_BYTES: number;
  [name: string]: number;
}

export interface OutboxMessage {
  slot: number;
  channel: ChannelName;
  bytes: Uint8Array;
}

/** One firmware instance: a fleet arena of up to DEVICES_MAX device contexts. */
export class Firmware {
  readonly layout: FirmwareLayout;
  readonly abiVersion: number;
  private readonly raw: RawExports;
  private bytes: Uint8Array;
  private view: DataView;
  private trapped: FirmwareTrapError | undefined;
  private powerCutSlot = -1;

  constructor(
    readonly secureElement: SecureElement,
    build: FirmwareBuild = 'release',
  ) {
    const instance = new WebAssembly.Instance(firmwareModule(build), this.imports());
    this.raw = instance.exports as unknown as RawExports;
    this.bytes = new Uint8Array(this.raw.memory.buffer);
    this.view = new DataView(this.raw.memory.buffer);
    this.layout = readLayout(instance.exports);
    this.abiVersion = this.raw.init() >>> 0;
  }

  /** Re-creates the views after a memory.grow detached them. */
  private memory(): Uint8Array {
    if (this.bytes.length === 0) {
      this.bytes = new Uint8Array(this.raw.memory.buffer);
      this.view = new DataView(this.raw.memory.buffer);
    }
    return this.bytes;
  }

  private dataView(): DataView {
    this.memory();
    return this.view;
  }

  get memoryBytes(): number {
    return this.raw.memory.buffer.byteLength;
  }

  private call(operation: string, slot: number, run: () => number): number {
    if (this.trapped) throw this.trapped;
    try {
      return run();
    } catch (error) {
      if (this.powerCutSlot >= 0) {
        const cut = new PowerCutError(this.powerCutSlot, operation);
        this.powerCutSlot = -1;
        this.raw.readOutbox(); // volatile: the device's unsent messages die with the power
        throw cut;
      }
      if (this.trapped) throw this.trapped;
      if (error instanceof WebAssembly.RuntimeError) {
        this.trapped = new FirmwareTrapError(slot, `${operation}: ${error.message}`, 0, 0);
        throw this.trapped;
      }
      throw error;
    }
  }

  private writeInbox(data: Uint8Array): void {
    if (data.length > this.layout.INBOX_BYTES) {
      throw new RangeError(`message of ${data.length} bytes exceeds INBOX_BYTES ${this.layout.INBOX_BYTES}`);
    }
    this.memory().set(data, this.layout.INBOX_BASE);
  }

  /** Creates a device from its provisioning record; returns the Status. */
  createDevice(slot: number, deviceType: number, nowMs: number, provisioning: Uint8Array): number {
    this.writeInbox(provisioning);
    return this.call('createDevice', slot, () => this.raw.createDevice(slot, deviceType, nowMs, provisioning.length));
  }

  removeDevice(slot: number): number {
    return this.call('removeDevice', slot, () => this.raw.removeDevice(slot));
  }

  advanceTime(slot: number, nowMs: number): number {
    return this.call('advanceTime', slot, () => this.raw.advanceTime(slot, nowMs));
  }

  deliverMessage(slot: number, channel: ChannelName, message: Uint8Array, nowMs: number): number {
    this.writeInbox(message);
    return this.call('deliverMessage', slot, () =>
      this.raw.deliverMessage(slot, CHANNEL[channel], message.length, nowMs),
    );
  }

  /** Takes every message the devices produced since the last call, in production order. */
  drainOutbox(): OutboxMessage[] {
    const used = this.call('readOutbox', -1, () => this.raw.readOutbox()) >>> 0;
    const out: OutboxMessage[] = [];
    const memory = this.memory();
    const view = this.dataView();
    const channels = Object.keys(CHANNEL) as ChannelName[];
    let p = this.layout.OUTBOX_BASE;
    const end = p + used;
    while (p < end) {
      const slot = view.getUint32(p, true);
      const channel = channels[view.getUint32(p + 4, true)];
      const length = view.getUint32(p + 8, true);
      const start = p + this.layout.OUTBOX_ENTRY_HEADER_BYTES;
      if (channel === undefined) throw new FirmwareTrapError(slot, 'outbox entry with unknown channel', 0, 0);
      out.push({ slot, channel, bytes: memory.slice(start, start + length) });
      p = start + ((length + 3) & ~3);
    }
    return out;
  }

  /** A copy of one device's snapshot (context + log pages), tagged with the ABI version. */
  snapshotDevice(slot: number): Uint8Array {
    const length = this.call('snapshotDevice', slot, () => this.raw.snapshotDevice(slot));
    if (length < 0) throw new FirmwareStatusError('snapshotDevice', -length, slot);
    const base = this.layout.SNAPSHOT_BASE;
    return this.memory().slice(base, base + length);
  }

  restoreDevice(slot: number, snapshot: Uint8Array): number {
    if (snapshot.length > this.layout.SNAPSHOT_BYTES) return Status.BAD_LENGTH;
    this.memory().set(snapshot, this.layout.SNAPSHOT_BASE);
    return this.call('restoreDevice', slot, () => this.raw.restoreDevice(slot, snapshot.length));
  }

  /**
   * Fault knob (assembly/power/journal.ts): device `slot` loses power right after its
   * `afterWrite`-th persistent write from now (a PowerCutError from that call); 0 disarms and
   * only counts. Resets the count powerWriteCount returns.
   */
  armPowerCut(slot: number, afterWrite: number): void {
    if (!this.raw.armPowerCut) throw new Error('this firmware has no power-cut fault');
    this.raw.armPowerCut(slot, afterWrite);
  }

  /** Persistent writes of the armed device since armPowerCut. */
  powerWriteCount(): number {
    if (!this.raw.powerWriteCount) throw new Error('this firmware has no power-cut fault');
    return this.raw.powerWriteCount() >>> 0;
  }

  /** A read-only view of a device context's bytes (decoded by host/device-view.ts). */
  deviceContext(slot: number): DataView {
    const base = this.layout.DEVICE_BASE + slot * this.layout.DEVICE_BYTES;
    return new DataView(this.memory().buffer, base, this.layout.DEVICE_BYTES);
  }

  /** The bytes of a log page, by page number (0 = none). */
  page(pageNumber: number): Uint8Array {
    const base = pageNumber * this.layout.LOG_PAGE_BYTES;
    return this.memory().subarray(base, base + this.layout.LOG_PAGE_BYTES);
  }

  private imports(): WebAssembly.Imports {
    const se = this.secureElement;
    const bytesAt = (ptr: number, length: number) => this.memory().subarray(ptr >>> 0, (ptr >>> 0) + length);
    const write = (ptr: number, data: Uint8Array) => this.memory().set(data, ptr >>> 0);
    return {
      secure_element: {
        ecdh: (slot: number, keySlot: number) => se.ecdh(slot, keySlot),
        // Copied: the SE may keep the key while linear memory changes under it.
        ecdh_key: (slot: number, ptr: number, length: number) => se.ecdhKey(slot, bytesAt(ptr, length).slice()),
        // The SE hashes the OtherInfo at once, so a view into linear memory is enough.
        kdf: (slot: number, ptr: number, length: number) => se.kdf(slot, bytesAt(ptr, length)),
        gcm_mac: (slot: number, ivPtr: number, aadPtr: number, aadLength: number, tagPtr: number) => {
          const tag = se.gcmMac(slot, bytesAt(ivPtr, 12), bytesAt(aadPtr, aadLength), MAC_BYTES);
          if (!tag) return SE_FAILED;
          write(tagPtr, tag);
          return SE_OK;
        },
        gcm_encrypt: (slot: number, ivPtr: number, aadPtr: number, aadLength: number, dataPtr: number,
          dataLength: number, outPtr: number, tagPtr: number) => {
          const result = se.gcmEncrypt(slot, bytesAt(ivPtr, 12), bytesAt(aadPtr, aadLength), bytesAt(dataPtr, dataLength), MAC_BYTES);
          if (!result) return SE_FAILED;
          write(outPtr, result.ciphertext);
          write(tagPtr, result.tag);
          return SE_OK;
        },
        gcm_decrypt: (slot: number, ivPtr: number, aadPtr: number, aadLength: number, dataPtr: number,
          dataLength: number, tagPtr: number, outPtr: number) => {
          const plain = se.gcmDecrypt(slot, bytesAt(ivPtr, 12), bytesAt(aadPtr, aadLength), bytesAt(dataPtr, dataLength), bytesAt(tagPtr, MAC_BYTES));
          if (!plain) return SE_FAILED;
          write(outPtr, plain);
          return SE_OK;
        },
        sign: (slot: number, messagePtr: number, messageLength: number, signaturePtr: number) => {
          const signature = se.sign(slot, bytesAt(messagePtr, messageLength));
          if (!signature) return SE_FAILED;
          write(signaturePtr, signature);
          return SE_OK;
        },
        verify: (slot: number, keySlot: number, messagePtr: number, messageLength: number, signaturePtr: number) =>
          se.verify(slot, keySlot, bytesAt(messagePtr, messageLength), bytesAt(signaturePtr, SIGNATURE_BYTES)) ? SE_OK : SE_FAILED,
        generate_key: (slot: number, usage: number, publicKeyPtr: number) => {
          const publicKey = se.generateKey(slot, usage);
          if (!publicKey) return SE_FAILED;
          write(publicKeyPtr, publicKey);
          return SE_OK;
        },
        sign_new_key: (slot: number, messagePtr: number, messageLength: number, signaturePtr: number) => {
          const signature = se.signWithNewKey(slot, bytesAt(messagePtr, messageLength));
          if (!signature) return SE_FAILED;
          write(signaturePtr, signature);
          return SE_OK;
        },
        utrn_mac: (slot: number, keySlot: number, dataPtr: number, dataLength: number, macPtr: number) => {
          const mac = se.utrnMac(slot, keySlot, bytesAt(dataPtr, dataLength));
          if (!mac || mac.length !== UTRN_MAC_BYTES) return SE_FAILED;
          write(macPtr, mac);
          return SE_OK;
        },
      },
      platform: {
        trap: (slot: number, messagePtr: number, line: number, column: number) => {
          const message = this.readString(messagePtr);
          if (message === POWER_CUT_MESSAGE) {
            this.powerCutSlot = slot >>> 0;
            return;
          }
          this.trapped = new FirmwareTrapError(slot >>> 0 === 0xffffffff ? -1 : slot >>> 0, this.readString(messagePtr), line, column);
        },
      },
    };
  }

  /** Reads an AssemblyScript string (UTF-16, byte length at ptr - 4) for trap reports. */
  private readString(ptr: number): string {
    const p = ptr >>> 0;
    if (p === 0) return 'abort';
    const length = this.dataView().getUint32(p - 4, true);
    const units = new Uint16Array(this.memory().buffer.slice(p, p + Math.min(length, 512)));
    return String.fromCharCode(...units);
  }
}

function readLayout(exports: WebAssembly.Exports): FirmwareLayout {
  const layout: Record<string, number> = {};
  for (const [name, value] of Object.entries(exports)) {
    if (value instanceof WebAssembly.Global) layout[name] = Number(value.value) >>> 0;
  }
  return layout as FirmwareLayout;
}
