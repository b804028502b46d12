import { EmulatorError } from '../gbcs/errors.js';
import { statusName } from './status.js';

export { EmulatorError, ConfigError } from '../gbcs/errors.js';

/** A firmware export returned a Status other than OK where the caller required OK. */
export class FirmwareStatusError extends EmulatorError {
  override name = 'FirmwareStatusError';
  readonly statusName: string;
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly slot: number,
  ) {
    super(`${operation} on slot ${slot} returned ${statusName(status)} (${status})`);
    this.statusName = statusName(status);
  }
}

/**
 * The firmware trapped: a broken invariant, a bug. The instance must not be used again
 * (STYLE.md "Errors": report device, seed, virtual time and the last message, then stop).
 */
export class FirmwareTrapError extends EmulatorError {
  override name = 'FirmwareTrapError';
  constructor(
    readonly slot: number,
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`firmware trapped on slot ${slot}: ${reason} (line ${line}:${column})`);
  }
}
