// One error hierarchy for the whole project (STYLE.md "Errors"): every failure a caller can
// meet is a subclass of EmulatorError carrying structured fields; callers switch on `reason`,
// never parse `message`. It lives in gbcs/ because imports point test -> host -> gbcs.

export class EmulatorError extends Error {
  override name = 'EmulatorError';
}

/** Input that is not well-formed GBCS. `offset` is the byte where decoding stopped. */
export type GbcsDecodeReason =
  | 'truncated'
  | 'trailing-bytes'
  | 'bad-tag'
  | 'bad-length'
  | 'length-exceeds-max'
  | 'unknown-message-code'
  | 'unknown-envelope'
  | 'bad-value';

export class GbcsDecodeError extends EmulatorError {
  override name = 'GbcsDecodeError';
  constructor(
    readonly reason: GbcsDecodeReason,
    readonly offset: number,
    readonly expected: string,
    readonly useCase?: string,
  ) {
    super(`${reason} at byte ${offset}: expected ${expected}${useCase ? ` (${useCase})` : ''}`);
  }
}

/** Well-formed input whose protection does not hold. */
export type GbcsSecurityReason =
  | 'bad-mac'
  | 'bad-signature'
  | 'decrypt-failed'
  | 'missing-key'
  | 'bad-key'
  | 'bad-certificate'
  | 'bad-utrn';

export class GbcsSecurityError extends EmulatorError {
  override name = 'GbcsSecurityError';
  constructor(
    readonly reason: GbcsSecurityReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Bad configuration, options or files given by a user (CLI flags, scenario files, key dirs). */
export class ConfigError extends EmulatorError {
  override name = 'ConfigError';
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}
