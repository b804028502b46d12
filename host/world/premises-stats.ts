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
  /** Remote-party use cases by name (insertion order): sent, answered, refused, answered with the expected register. */
  useCases: Record<string, UseCaseCounts>;
  /** HAN frames the hub relayed (devices 7.4), APS retries, frames given up, frames for devices not in the CHF device log, device-to-device frames the recipient refused. */
  han: { relayed: number; retries: number; lost: number; notJoined: number; refused: number };
  gsme: GsmeStats;
  /** Per device index: HAN frames the hub relayed to it and from it. */
  devices: { hanIn: number; hanOut: number }[];
}

export interface UseCaseCounts {
  sent: number;
  answered: number;
  refused: number;
  /** Reads whose register equals what the host model expected when the device answered. */
  matching: number;
}

/** The GSME's wake cycles and the hub's command queue for it (devices 6.2, 6.3). */
export interface GsmeStats {
  wakes: number;
  /** Wakes that found no hub (power cut at the premises): nothing exchanged. */
  wakesWithoutHub: number;
  /** Wakes whose exchange with the GPF was lost on the HAN. */
  exchangesFailed: number;
  mirrorUpdates: number;
  timeSyncs: number;
  /** Time from the GPF more than 10 s away from the GSME clock: kept, not applied (devices 6.2; alert 0x8F0C needs firmware). */
  timeSyncsRefused: number;
  commandsQueued: number;
  commandsDelivered: number;
  /** Not retrieved within gsmeCommandTimeout (devices 6.3; alert 0x819D needs firmware). */
  commandsExpired: number;
  /** Lost with the hub's volatile queue at a power cut (devices 7.1). */
  commandsDropped: number;
  queueFull: number;
  queueWaitMsMax: number;
  queueLengthMax: number;
}

export function emptyStats(): PremisesStats {
  return {
    messages: 0, commandsSent: 0, responsesVerified: 0, responsesRejected: 0, readsMatchingMeter: 0, lastExportActiveWhRead: null,
    wan: { delivered: 0, held: 0, lost: 0, expired: 0, noCoverage: 0, queueFull: 0 },
    clockSyncs: 0, clockErrorMsMax: 0, powerCuts: 0, powerRestorations: 0,
    useCases: {}, han: { relayed: 0, retries: 0, lost: 0, notJoined: 0, refused: 0 },
    gsme: {
      wakes: 0, wakesWithoutHub: 0, exchangesFailed: 0, mirrorUpdates: 0, timeSyncs: 0, timeSyncsRefused: 0, commandsQueued: 0,
      commandsDelivered: 0, commandsExpired: 0, commandsDropped: 0, queueFull: 0, queueWaitMsMax: 0, queueLengthMax: 0,
    },
    devices: [],
  };
}

export function copyStats(s: PremisesStats): PremisesStats {
  return structuredClone(s);
}

/** The counters of a use case, created on first use. */
export function useCaseCounts(s: PremisesStats, useCase: string): UseCaseCounts {
  return (s.useCases[useCase] ??= { sent: 0, answered: 0, refused: 0, matching: 0 });
}

/** The `channel` field of trace events of kind 'world'. */
export const WORLD_NOTE = {
  lost: 1,
  expired: 2,
  'no-coverage': 3,
  'queue-full': 4,
  powerOff: 5,
  powerOn: 6,
  hanLost: 7,
  notJoined: 8,
  gsmeQueued: 9,
  gsmeExpired: 10,
  gsmeDropped: 11,
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
