// Process exit codes of the `smartmeter` CLI, listed in --help.
export const EXIT = {
  OK: 0,
  /** The run failed: a firmware trap, a broken invariant or an internal error (a bug: report it with the command). */
  RUN_FAILED: 1,
  /** Bad command line or configuration (unknown flag, bad value, missing directory). */
  USAGE: 2,
  /** Some input could not be processed (e.g. a message that does not decode). */
  INPUT_REJECTED: 3,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the run failed: firmware trap, broken invariant or internal error (a bug; the message says how to reproduce it)
  2  bad command line or configuration
  3  some input was rejected (e.g. a message that does not decode)`;
