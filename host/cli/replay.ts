import { Command } from 'commander';
import { runPremises } from '../premises.js';
import { createProgress } from '../progress-adapter.js';
import { firstDifference, readTraceFile, traceFileOf } from '../replay/trace-file.js';
import { EXIT } from './exit-codes.js';

// `smartmeter replay FILE`: re-runs the run a trace file records (its own scenario document,
// seed, days, build and refusal rules) and checks that every event and the trace hash are the
// same. Exit 0 when they are, 1 with the first differing event when not.

export function replayCommand(): Command {
  return new Command('replay')
    .description('re-run a trace file written by simulate --trace and check its events and trace hash')
    .argument('<file>', 'a CBOR trace file')
    .option('--json', 'print the verdict as one JSON document')
    .action((path: string, options: { json?: boolean }) => {
      const file = readTraceFile(path);
      const r = file.run;
      const progress = createProgress('replaying');
      let result;
      try {
        result = runPremises({
          seed: BigInt(r.seed), days: r.days, scenario: r.scenario, scenarioSource: r.scenarioSource, build: r.build, refusals: r.refusals, capture: true,
          onProgress: (now, start, end) => progress.update((now - start) / (end - start)),
        });
      } finally {
        progress.stop();
      }
      const replayed = traceFileOf(r, result);
      const difference = firstDifference(file.events, replayed.events);
      const same = difference === undefined && replayed.traceHash === file.traceHash;
      const verdict = { same, events: file.events.length, recordedHash: file.traceHash, replayedHash: replayed.traceHash, firstDifference: difference ?? null, reproduce: result.reproduce };
      if (options.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
      else {
        process.stdout.write(same
          ? `replay: ${file.events.length} events identical; trace hash ${replayed.traceHash}\n`
          : `replay: DIFFERENT: ${difference ?? 'events equal but the hash differs'}\n  recorded hash ${file.traceHash}\n  replayed hash ${replayed.traceHash}\n  reproduce: ${result.reproduce}\n`);
      }
      if (!same) process.exitCode = EXIT.RUN_FAILED;
    });
}
