import { Command, InvalidArgumentError } from 'commander';
import { runPremises, type RunResult } from '../premises.js';
import { createProgress } from '../progress-adapter.js';
import { parseRefusalRule } from '../refusal-rules.js';
import type { RefusalRule } from '../local-inputs.js';

// `smartmeter simulate`: run the default premises in virtual time and say what happened.

export const DEFAULT_SEED = 1n;
export const DEFAULT_DAYS = 7;
export const DAYS_MAX = 36_600; // a century of virtual time: beyond it the schedule tables would need review

export function parseSeed(value: string): bigint {
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(value)) throw new InvalidArgumentError('a seed is a non-negative integer (decimal or 0x hex)');
  return BigInt(value);
}

export function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > DAYS_MAX) throw new InvalidArgumentError(`days must be an integer from 1 to ${DAYS_MAX}`);
  return days;
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('run the default premises (an ESME read daily by the network operator) in virtual time and print a summary')
    .option('--seed <n>', 'master seed of every random stream', parseSeed, DEFAULT_SEED)
    .option('--days <n>', 'virtual days to simulate', parseDays, DEFAULT_DAYS)
    .option('--json', 'print the summary as one JSON document')
    .option('--debug-firmware', 'run the debug build of the firmware (assertions, names in traps)')
    .option('--refuse <rule>', 'make the ESME refuse an item: USECASE:GET|SET|ACTION:class/OBIS/member:result, e.g. ECS17a:GET:3/1-0:2.8.0.255/2:1 (repeatable)',
      (value: string, previous: RefusalRule[]) => [...previous, parseRefusalRule(value)], [] as RefusalRule[])
    .action((options: { seed: bigint; days: number; json?: boolean; debugFirmware?: boolean; refuse: RefusalRule[] }) => {
      const progress = createProgress('simulating');
      let result: RunResult;
      try {
        result = runPremises({
          seed: options.seed,
          days: options.days,
          build: options.debugFirmware ? 'debug' : 'release',
          refusals: options.refuse,
          onProgress: (now, start, end) => progress.update((now - start) / (end - start)),
        });
      } finally {
        progress.stop();
      }
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatSummary(result));
    });
}

export function formatSummary(r: RunResult): string {
  const lines = [
    `premises run: seed ${r.seed}, ${r.days} virtual day(s), ${r.start} .. ${r.end}`,
    '',
    'devices:',
  ];
  for (const d of r.devices) {
    lines.push(
      `  ${d.deviceType} ${d.eui}: messages in ${d.messagesIn}, out ${d.messagesOut}, rejected ${d.rejected}, alerts ${d.alerts}`,
      `    energy: import ${kwh(d.importActiveWh)} kWh, export ${kwh(d.exportActiveWh)} kWh, reactive import ${kwh(d.importReactiveVarh)} kvarh`,
      `    balance: ${d.balance ?? 'n/a (credit mode)'}; log pages in use: ${d.logPages}`,
    );
  }
  lines.push('', 'remote parties:');
  for (const p of r.remoteParties) {
    lines.push(
      `  ${p.role} ${p.eui}: commands sent ${p.commandsSent}, responses verified ${p.responsesVerified}, rejected ${p.responsesRejected}`,
      `    reads matching the meter's register: ${p.readsMatchingMeter}; last export read: ${p.lastExportActiveWhRead ?? '-'} Wh`,
    );
  }
  lines.push('', `events: ${r.scheduledEvents} scheduled, ${r.traceEvents} traced`, `reproduce: smartmeter simulate --seed ${r.seed} --days ${r.days}`, `trace hash: ${r.traceHash}`, '');
  return lines.join('\n');
}

function kwh(wh: number): string {
  return `${Math.trunc(wh / 1000)}.${String(wh % 1000).padStart(3, '0')}`;
}
