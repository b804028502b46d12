// Entry point of the `smartmeter` binary (bundled to dist/cli.js).
import { main } from './main.js';

// `smartmeter decode … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv);
