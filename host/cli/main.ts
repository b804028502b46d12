import { Command, CommanderError } from 'commander';
import { EmulatorError, ConfigError } from '../../gbcs/errors.js';
import { FirmwareTrapError } from '../errors.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { simulateCommand } from './simulate.js';
import { decodeCommand } from './decode.js';
import { conformanceCommand } from './conformance.js';
import { replayCommand } from './replay.js';
import { fleetCommand } from './fleet.js';
import { serveCommand } from './serve.js';

// The `smartmeter` command line. Each command lives in its own file and is registered here.
const COMMANDS: (() => Command)[] = [simulateCommand, decodeCommand, conformanceCommand, replayCommand, fleetCommand, serveCommand];

export function buildProgram(): Command {
  const program = new Command('smartmeter')
    .description('Deterministic emulator of GB SMETS2 smart-metering firmware speaking GBCS, in virtual time')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .showHelpAfterError();
  for (const make of COMMANDS) program.addCommand(make().exitOverride().addHelpText('after', EXIT_CODES_HELP));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    // A command may have set its own exit code (decode: 3 when an input is rejected).
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`smartmeter: ${error.message}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof FirmwareTrapError || error instanceof EmulatorError) {
      process.stderr.write(`smartmeter: ${error.name}: ${error.message}\n`);
      return EXIT.RUN_FAILED;
    }
    process.stderr.write(`smartmeter: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT.RUN_FAILED;
  }
}
