import { EmulatorError } from '../../gbcs/errors.js';
import type { WorldContext } from './world-context.js';

// Counters of one premises (plain data: snapshots copy them), the codes of world notes in the
// trace, and the error a broken run throws, which names the one command that reproduces it.

export interface PremisesStats {
  /** Messages delivered to or emitted by the premises' devices (LOCAL inputs included). */
  messages: number;
  commandsSent: number;
  responsesVerified: number;
  responsesRejected: number;
  readsMatchingMeter: number;
  lastExportActiveWhRead: number | null;
  wan: { delivered: number; held: number; lost: number; expired: number; noCoverage: number; queueFull: number };
  clockSyncs: number;
  clockErrorMsMax: number;
  powerCuts: number;
  powerRestorations: number;
}

export function emptyStats(): PremisesStats {
  return {
    messages: 0, commandsSent: 0, responsesVerified: 0, responsesRejected: 0, readsMatchingMeter: 0, lastExportActiveWhRead: null,
    wan: { delivered: 0, held: 0, lost: 0, expired: 0, noCoverage: 0, queueFull: 0 },
    clockSyncs: 0, clockErrorMsMax: 0, powerCuts: 0, powerRestorations: 0,
  };
}

export function copyStats(s: PremisesStats): PremisesStats {
  return { ...s, wan: { ...s.wan } };
}

/** The `channel` field of trace events of kind 'world'. */
export const WORLD_NOTE = {
  lost: 1,
  expired: 2,
  'no-coverage': 3,
  'queue-full': 4,
  powerOff: 5,
  powerOn: 6,
} as const;

/** The command that reruns a context's run (printed by every failure). */
export function reproduceCommand(ctx: WorldContext): string {
  return ctx.reproduce;
}

export class WorldRunError extends EmulatorError {
  override name = 'WorldRunError';
  constructor(
    readonly ctx: WorldContext,
    readonly premises: number,
    readonly atMs: number,
    detail: string,
  ) {
    super(`premises ${premises}: ${detail} at ${new Date(atMs).toISOString()} (reproduce: ${ctx.reproduce})`);
  }
}
