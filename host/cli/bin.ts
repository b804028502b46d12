// Entry point of the `smartmeter` binary (bundled to dist/cli.js).
import { main } from './main.js';

process.exitCode = await main(process.argv);
