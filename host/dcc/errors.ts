import { ConfigError, EmulatorError } from '../../gbcs/errors.js';

// The DCC service layer's typed errors (STYLE.md "Errors"): callers switch on `reason`.

export type DuisXmlErrorReason =
  | 'too-large'
  | 'not-well-formed'
  | 'doctype-forbidden'
  | 'too-deep'
  | 'too-many-nodes'
  | 'schema';

/** A DUIS document that is not well-formed or not structurally valid (dcc.md 2.4 step 2). */
export class DuisXmlError extends EmulatorError {
  override name = 'DuisXmlError';
  constructor(
    readonly reason: DuisXmlErrorReason,
    readonly detail: string,
  ) {
    super(`DUIS XML ${reason}: ${detail}`);
  }
}

export type DuisSignatureErrorReason =
  | 'no-signature'
  | 'unsupported-algorithm'
  | 'unknown-certificate'
  | 'digest-mismatch'
  | 'signature-invalid'
  | 'malformed';

/** An XMLDSig that does not verify (dcc.md 2.4 step 3, 3.4). */
export class DuisSignatureError extends EmulatorError {
  override name = 'DuisSignatureError';
  constructor(
    readonly reason: DuisSignatureErrorReason,
    readonly detail: string,
  ) {
    super(`DUIS signature ${reason}: ${detail}`);
  }
}

export type DccStoreErrorReason = 'corrupt' | 'foreign-schema' | 'unopenable';

/** A store file (`serve --db FILE`) that cannot be used: the server refuses to start, the file is left as it is. */
export class DccStoreError extends ConfigError {
  override name = 'DccStoreError';
  constructor(
    readonly storeReason: DccStoreErrorReason,
    readonly path: string,
    detail: string,
  ) {
    super(`db-${storeReason}`, `${path}: ${detail}`);
  }
}
