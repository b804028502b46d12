import { blockRequestInput, firmwareImageInput, hanBlock, transferResultInput, TRANSFER_DELIVERED, TRANSFER_FAILED } from '../firmware-inputs.js';
import { Status } from '../status.js';
import { hanSend } from './han-link.js';
import { WORLD_NOTE } from './premises-stats.js';
import type { PremisesWorld } from './premises-world.js';

// A firmware image distributed through the premises' hub (devices 9 steps 1-4): the DCC hands the
// image to the CHF (its file-distribution path, not a Remote Party message), and each target pulls
// it block by block (ZigBee OTA): the CHF serves a block on its HAN channel, the block crosses the
// target's seeded HAN link (latency, loss, retries) and reaches the device, which asks for the next.
// Mains-powered targets pull back to back; the sleepy GSME pulls at most GSME_WAKE_BLOCKS_MAX
// blocks in each wake, so a whole image takes many wakes. When a target has the last block, or
// refuses one, the CHF is told and reports CCS08 to the ACB. A block lost on the HAN is asked for
// again (a mains device after HAN_RETRY_MS, the GSME at its next wake); a hub without power serves
// nothing until power returns.

/** ZigBee OTA image block payload [A]: small enough for one HAN frame. */
export const FIRMWARE_BLOCK_BYTES = 64;
/** Blocks the GSME pulls in one wake [A]: its awake window is short (devices 6.2). */
export const GSME_WAKE_BLOCKS_MAX = 16;
/** A mains-powered target asks again this long after a block is lost or the hub is down [A]. */
export const HAN_RETRY_MS = 60_000;

export interface FirmwareTransfer {
  device: number;
  offset: number;
  total: number;
  /** Blocks the GSME may still pull in its current wake. */
  wakeBlocksLeft: number;
  blocksLost: number;
  startedMs: number;
}

/** The DCC hands the hub an image for target devices (indexes); returns the CHF's Status. */
export function distributeFirmware(w: PremisesWorld, nowMs: number, image: Uint8Array, targets: readonly number[]): number {
  const { s, roles } = w;
  if (roles.chf < 0) return Status.BAD_INPUT;
  const status = w.deliverTo(nowMs, roles.chf, 'LOCAL', firmwareImageInput(targets.map((d) => w.euis[d]!), image));
  if (status !== Status.OK) return status;
  for (const d of targets) {
    s.han.firmware = s.han.firmware.filter((t) => t.device !== d);
    s.han.firmware.push({ device: d, offset: 0, total: image.length, wakeBlocksLeft: 0, blocksLost: 0, startedMs: nowMs });
    if (d !== roles.gsme) s.queue.add(nowMs, w.eventKind.FIRMWARE_PULL, d);
  }
  return Status.OK;
}

function transferOf(w: PremisesWorld, d: number): FirmwareTransfer | undefined {
  return w.s.han.firmware.find((t) => t.device === d);
}

/** The GSME woke and reached the hub: it pulls blocks of its image, if it has one in transfer. */
export function pullAtWake(w: PremisesWorld, atMs: number, d: number): void {
  const transfer = transferOf(w, d);
  if (!transfer) return;
  transfer.wakeBlocksLeft = GSME_WAKE_BLOCKS_MAX;
  w.s.queue.add(atMs, w.eventKind.FIRMWARE_PULL, d);
}

/** Target d asks the hub for its next block (event FIRMWARE_PULL). */
export function firmwarePull(w: PremisesWorld, nowMs: number, d: number): void {
  const transfer = transferOf(w, d);
  if (!transfer) return;
  if (!w.s.powered) {
    if (d !== w.roles.gsme) w.s.queue.add(nowMs + HAN_RETRY_MS, w.eventKind.FIRMWARE_PULL, d);
    return;
  }
  w.deliverTo(nowMs, w.roles.chf, 'LOCAL', blockRequestInput(w.euis[d]!, transfer.offset, FIRMWARE_BLOCK_BYTES));
}

/** The hub sent a block on its HAN channel: it crosses the target's HAN link. */
export function hanBlockOut(w: PremisesWorld, nowMs: number, bytes: Uint8Array): void {
  const block = hanBlock(bytes);
  const d = block ? w.euis.indexOf(block.target) : -1;
  const transfer = d < 0 ? undefined : transferOf(w, d);
  if (!block || !transfer) return;
  const { s } = w;
  const outcome = hanSend(w.group.han, w.stream(`han:${w.euis[d]}`));
  s.stats.han.retries += outcome.retries;
  if (outcome.kind === 'lost') {
    s.stats.han.lost++;
    transfer.blocksLost++;
    s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE.hanLost, bytes);
    if (d !== w.roles.gsme) s.queue.add(nowMs + HAN_RETRY_MS, w.eventKind.FIRMWARE_PULL, d);
    return;
  }
  s.stats.han.relayed++;
  s.queue.add(nowMs + outcome.delayMs, w.eventKind.FIRMWARE_BLOCK, d, nowMs, Uint8Array.from(block.input));
}

/** A block reaches target d (event FIRMWARE_BLOCK): the next is asked for, or the hub told how it ended. */
export function firmwareBlock(w: PremisesWorld, nowMs: number, d: number, input: Uint8Array): void {
  const transfer = transferOf(w, d);
  if (!transfer) return;
  w.s.stats.devices[d]!.hanIn++;
  const status = w.deliverTo(nowMs, d, 'LOCAL', input);
  if (status === Status.OK) transfer.offset += input.length - 5;
  const done = status !== Status.OK || transfer.offset >= transfer.total;
  if (done) {
    w.s.han.firmware = w.s.han.firmware.filter((t) => t !== transfer);
    w.deliverTo(nowMs, w.roles.chf, 'LOCAL', transferResultInput(w.euis[d]!, status === Status.OK ? TRANSFER_DELIVERED : TRANSFER_FAILED));
    return;
  }
  if (d === w.roles.gsme && --transfer.wakeBlocksLeft <= 0) return; // the rest at its next wake
  w.s.queue.add(nowMs, w.eventKind.FIRMWARE_PULL, d);
}
