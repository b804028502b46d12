import { Command, InvalidArgumentError } from 'commander';
import { runPremises, type RunResult } from '../premises.js';
import { createProgress } from '../progress-adapter.js';
import { parseRefusalRule } from '../refusal-rules.js';
import type { RefusalRule } from '../local-inputs.js';
import { loadScenario } from '../scenario/load.js';
import { traceFileOf, writeTraceFile } from '../replay/trace-file.js';
import { readSnapshotFile, writeSnapshotFile } from '../world/snapshot-file.js';
import { ConfigError } from '../../gbcs/errors.js';
import { pounds } from '../report/report-html.js';
import { defaultReportPath, writeReport } from '../report/write-report.js';
import type { IhdView, PpmidView } from '../han-device-view.js';

// `smartmeter simulate`: run the premises of a scenario (built-in name or JSON file) in virtual
// time and say what happened; --trace FILE writes every event for `smartmeter replay`;
// --snapshot-at ISO --snapshot FILE writes the run at that virtual instant (and goes on), and
// --from-snapshot FILE continues such a run to its end (world/snapshot-file.ts).

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

interface SimulateOptions {
  seed?: bigint; days?: number; scenario: string; trace?: string; json?: boolean; debugFirmware?: boolean; refuse: RefusalRule[];
  snapshotAt?: number; snapshot?: string; fromSnapshot?: string; report?: string;
}

function parseInstant(value: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(value) || Number.isNaN(ms)) {
    throw new InvalidArgumentError('an instant is an ISO 8601 UTC time, e.g. 2026-01-07T12:00:00Z');
  }
  return ms;
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('run the premises of a scenario (default: hub, ESME, GSME and PPMID, read daily and topped up weekly) in virtual time and print a summary')
    // No bigint default here: commander's help prints defaults with JSON.stringify, which throws on a bigint.
    .option('--seed <n>', `master seed of every random stream (default: ${DEFAULT_SEED})`, parseSeed)
    .option('--days <n>', `virtual days to simulate (default: the scenario's, ${DEFAULT_DAYS} for the default scenario)`, parseDays)
    .option('--scenario <name|file>', 'a built-in scenario (default, faults, fleet) or a scenario JSON file', 'default')
    .option('--trace <file>', 'write every event of the run to a CBOR trace file (smartmeter replay FILE re-runs it)')
    .option('--json', 'print the summary as one JSON document')
    .option('--snapshot-at <iso>', 'with --snapshot: the virtual instant (UTC) at which to write the snapshot', parseInstant)
    .option('--snapshot <file>', 'write the run at --snapshot-at to a CBOR snapshot file, then run on to the end')
    .option('--from-snapshot <file>', 'continue the run a snapshot file holds (its scenario, seed, days and build) to its end')
    .option('--report <file>', 'prepayment scenarios: write the HTML report there (default: smartmeter-report-SCENARIO-seedN.html in the working directory)')
    .option('--debug-firmware', 'run the debug build of the firmware (assertions, names in traps)')
    .option('--refuse <rule>', 'make the ESME refuse an item: USECASE:GET|SET|ACTION:class/OBIS/member:result, e.g. ECS17a:GET:3/1-0:2.8.0.255/2:1 (repeatable)',
      (value: string, previous: RefusalRule[]) => [...previous, parseRefusalRule(value)], [] as RefusalRule[])
    .action((options: SimulateOptions) => {
      if ((options.snapshotAt === undefined) !== (options.snapshot === undefined)) throw new ConfigError('bad-arguments', '--snapshot-at and --snapshot go together');
      if (options.fromSnapshot !== undefined && (options.trace !== undefined || options.snapshot !== undefined)) {
        throw new ConfigError('bad-arguments', '--from-snapshot does not combine with --trace or --snapshot');
      }
      const loaded = options.fromSnapshot === undefined ? undefined : readSnapshotFile(options.fromSnapshot);
      if (loaded && (options.seed !== undefined || options.days !== undefined || options.refuse.length > 0)) {
        throw new ConfigError('bad-arguments', '--from-snapshot takes the seed, days and refusal rules of the snapshot');
      }
      const seed = loaded ? BigInt(loaded.run.seed) : options.seed ?? DEFAULT_SEED;
      const scenario = loaded ? loaded.run.scenario : loadScenario(options.scenario);
      const scenarioSource = loaded ? loaded.run.scenarioSource : options.scenario;
      const days = loaded ? loaded.run.days : options.days ?? scenario.days;
      const build = loaded ? loaded.run.build : options.debugFirmware ? 'debug' : 'release';
      const refusals = loaded ? loaded.run.refusals : options.refuse;
      // A scenario whose first premises has a prepayment ESME gets its report (host/report/).
      const prepayment = loaded === undefined && scenario.premises[0]?.electricity.paymentMode === 'prepayment';
      if (options.report !== undefined && !prepayment) {
        throw new ConfigError('bad-arguments', '--report needs a scenario whose first premises has a prepayment ESME (e.g. --scenario prepayment), and no --from-snapshot');
      }
      const progress = createProgress('simulating');
      let result: RunResult;
      try {
        result = runPremises({
          seed, days, scenario, scenarioSource, build, refusals, capture: options.trace !== undefined || options.snapshot !== undefined,
          onProgress: (now, start, end) => progress.update((now - start) / (end - start)),
          snapshotAtMs: options.snapshotAt,
          onSnapshot: (run) => writeSnapshotFile(options.snapshot!, { scenario, scenarioSource, seed: seed.toString(), days, build, refusals }, run),
          fromSnapshot: loaded?.snapshot,
          report: prepayment,
        });
      } catch (error) {
        // A device image is a memory copy: a snapshot of another firmware build does not restore.
        if (loaded && error instanceof Error && error.message.startsWith('restoreDevice')) {
          throw new ConfigError('bad-snapshot', `${options.fromSnapshot}: written by firmware ABI ${loaded.abiVersion >>> 0}; ${error.message}`);
        }
        throw error;
      } finally {
        progress.stop();
      }
      if (options.trace !== undefined) {
        writeTraceFile(options.trace, traceFileOf({ scenario, scenarioSource, seed: seed.toString(), days, build, refusals }, result));
      }
      delete result.events;
      const written = result.prepayment === undefined ? undefined : writeReport(options.report ?? defaultReportPath(scenario.name, seed.toString()), result.prepayment);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(written === undefined ? result : { ...result, report: written }, null, 2)}\n`);
        if (written !== undefined) process.stderr.write(`report: ${written.path}\n`);
      } else {
        process.stdout.write(formatSummary(result) + (written === undefined ? '' : `report: ${written.path} (${written.bytes} bytes)\n`));
      }
    });
}

export function formatSummary(r: RunResult): string {
  const lines = [
    `premises run: scenario ${r.scenario}, seed ${r.seed}, ${r.days} virtual day(s), ${r.start} .. ${r.end}, ${r.premises} premises`,
    '',
    'devices:',
  ];
  for (const d of r.devices) {
    lines.push(`  ${d.deviceType} ${d.eui}: messages in ${d.messagesIn}, out ${d.messagesOut}, rejected ${d.rejected}, alerts ${d.alerts}`);
    lines.push(...deviceActivity(r, d));
  }
  lines.push('', 'remote parties:');
  for (const p of r.remoteParties) {
    lines.push(`  ${p.role} ${p.eui} (premises ${p.premises}): commands sent ${p.commandsSent}, responses verified ${p.responsesVerified}, rejected ${p.responsesRejected}`);
    for (const [useCase, c] of Object.entries(p.useCases)) {
      lines.push(`    ${useCase}: sent ${c.sent}, answered ${c.answered}, refused ${c.refused}${MATCH_TEXT[useCase] ? `, ${MATCH_TEXT[useCase]} ${c.matching}` : ''}`);
    }
    if (p.useCases.ECS17a) lines.push(`    last export read: ${p.lastExportActiveWhRead ?? '-'} Wh`);
  }
  const f = r.faults;
  const h = r.han;
  lines.push(
    '', `SM WAN: delivered ${f.wan.delivered}, held ${f.wan.held}, lost ${f.wan.lost}, expired ${f.wan.expired}, no coverage ${f.wan.noCoverage}`,
    `HAN: relayed ${h.relayed}, retries ${h.retries}, lost ${h.lost}, not in the CHF device log ${h.notJoined}, refused by the recipient ${h.refused}`,
    `clocks: ${f.clockSyncs} corrections, largest error ${f.clockErrorMsMax} ms; power: ${f.powerCuts} cut(s), ${f.powerRestorations} restoration(s)`,
    ...prepaymentLines(r),
    '', `events: ${r.scheduledEvents} scheduled, ${r.traceEvents} traced`, `reproduce: ${r.reproduce}`, `trace hash: ${r.traceHash}`, '',
  );
  return lines.join('\n');
}

const MATCH_TEXT: Record<string, string> = {
  ECS17a: "matching the meter's register", GCS13b: 'matching the mirror of the last wake', GCS33: 'matching the battery model',
};

/** What a device did, by type (its own counters, what the hub did for it, and the GSME's wakes and queue). */
function deviceActivity(r: RunResult, d: RunResult['devices'][number]): string[] {
  const han = d.hanIn + d.hanOut > 0 ? `; HAN frames relayed to it ${d.hanIn}, from it ${d.hanOut}` : '';
  const g = r.gsme;
  const gas = r.gas[0];
  switch (d.deviceType) {
    case 'ESME':
      return [
        `    energy: import ${kwh(d.importActiveWh)} kWh, export ${kwh(d.exportActiveWh)} kWh, reactive import ${kwh(d.importReactiveVarh)} kvarh`,
        `    balance: ${r.prepayment?.meterEui === d.eui ? `${pounds(r.prepayment.summary.meterBalanceAtEndMilliPence)} (prepayment)` : 'n/a (credit mode)'}; log pages in use: ${d.logPages}${han}`,
      ];
    case 'GSME':
      return [
        `    wakes ${g.wakes} (without hub ${g.wakesWithoutHub}, exchange lost on the HAN ${g.exchangesFailed}); time from the GPF applied ${g.timeSyncs}, refused ${g.timeSyncsRefused}`,
        `    commands queued at the GPF ${g.commandsQueued}, retrieved at wakes ${g.commandsDelivered}, expired ${g.commandsExpired}, lost at power cuts ${g.commandsDropped}, refused (queue full) ${g.queueFull}; longest wait ${minutes(g.queueWaitMsMax)} min, longest queue ${g.queueLengthMax}`,
        `    gas: ${gas ? `${m3(gas.volumeDm3)} m3, battery ${gas.batteryDays} days` : '-'}; log pages in use: ${d.logPages}${han}`,
      ];
    case 'GPF':
      return [`    mirror updates at GSME wakes ${g.mirrorUpdates}; mirror holds ${gas ? `${m3(gas.mirrorVolumeDm3)} m3 as of ${gas.mirrorSyncAt}` : '-'}; answered at once ${d.messagesOut} (reads served from the mirror)`];
    case 'CHF':
      return [`    HAN frames relayed for the premises ${r.han.relayed}, lost ${r.han.lost}`];
    case 'PPMID':
      return d.ppmid ? ppmidActivity(r, d.ppmid, han) : [];
    case 'IHD':
      return d.ihd ? ihdActivity(d.ihd, han) : [];
    default:
      return [`    joined to the HAN (CHF device log); log pages in use: ${d.logPages}${han}`];
  }
}

/** The prepayment report's totals, as the meter recorded them (host/report/). */
function prepaymentLines(r: RunResult): string[] {
  const p = r.prepayment;
  if (p === undefined) return [];
  const s = p.summary;
  return [
    '', `prepayment ESME ${p.meterEui} over ${s.days} days (the meter's own ledger counters):`,
    `  top-ups accepted ${s.topUpsAccepted}, refused ${s.topUpsRefused}; credit added ${pounds(s.creditAddedMilliPence)}`,
    `  consumption charged ${pounds(s.consumptionChargedMilliPence)} for ${kwh(s.importWh)} kWh; standing charges ${pounds(s.standingChargedMilliPence)} (collected from credit ${pounds(s.standingCollectedMilliPence)})`,
    `  debt ${pounds(s.debtAtStartMilliPence)} at the start, recovered ${pounds(s.debtRecoveredMilliPence)}, ${pounds(s.debtAtEndMilliPence)} at the end`,
    `  emergency credit used ${s.emergencyCreditUses} times (${pounds(s.emergencyCreditGrantedMilliPence)} granted); low-credit warnings ${s.lowCreditWarnings}; disablements ${s.disablements}, ${(s.minutesWithoutSupply / 60).toFixed(1)} h without supply`,
    `  meter balance at the end ${pounds(s.meterBalanceAtEndMilliPence)}; price changes accepted ${s.priceChangesAccepted}`,
  ];
}

/** The PPMID's keypad top-ups: typed, sent to which meter, how the meters answered (devices 8.1). */
function ppmidActivity(r: RunResult, p: PpmidView, han: string): string[] {
  const fuel = (useCase: string, name: string) => {
    const c = r.useCases[`${useCase} PPMID`];
    return c ? `${name} ${c.sent} (answered ${c.answered}: accepted ${c.answered - c.refused}, refused ${c.refused})` : undefined;
  };
  const fuels = [fuel('CS01a', 'to the ESME (PECS01)'), fuel('CS01b', 'to the GSME (PCS01)')].filter((f) => f !== undefined);
  const last = p.lastResult === 'none' ? 'none yet' : `${p.lastResult} by ${p.lastMeter}${p.lastResult === 'accepted' ? `: ${gbp(p.lastValue)} added, credit ${gbp(p.lastCredit)}` : ''}`;
  return [
    `    keypad top-ups entered ${p.entered}${fuels.length > 0 ? `: ${fuels.join(', ')}` : ''}`,
    `    answers: accepted ${p.accepted}, refused ${p.rejected}; unanswered after a day ${p.unanswered}, waiting ${p.pending}; last ${last}${han}`,
  ];
}

/** The IHD's reads of its meters and what it shows now (devices 8.2). */
function ihdActivity(ihd: IhdView, han: string): string[] {
  const lines = [`    reads every ${ihd.refreshS / 60} min: sent ${ihd.readsSent}, answered ${ihd.answers}, refused answers ${ihd.answersRefused}${han}`];
  for (const s of ihd.screens) {
    const v = s.values;
    const shown = [
      v.importWh !== undefined ? `import ${kwh(v.importWh)} kWh` : undefined,
      v.exportWh !== undefined ? `export ${kwh(v.exportWh)} kWh` : undefined,
      v.gasVolumeDm3 !== undefined ? `gas ${m3(v.gasVolumeDm3)} m3` : undefined,
      v.creditRemaining !== undefined ? `credit ${gbp(v.creditRemaining)}` : undefined,
      v.emergencyCreditRemaining !== undefined ? `EC ${gbp(v.emergencyCreditRemaining)}` : undefined,
      v.accumulatedDebt !== undefined ? `debt ${gbp(v.accumulatedDebt)}` : undefined,
      v.price !== undefined ? `price ${(v.price / 1000).toFixed(3)} p/kWh` : undefined,
      v.supplyStatus !== undefined ? `supply ${SUPPLY_STATUS[v.supplyStatus] ?? v.supplyStatus}` : undefined,
    ].filter((x) => x !== undefined);
    lines.push(`    ${s.meterEui}: read ${s.readsSent}, answered ${s.answers}; shows ${shown.join(', ') || 'nothing yet'}; notices: low credit ${s.lowCreditNotices}, emergency credit ${s.ecNotices}`);
  }
  return lines;
}

/** ZSE Supply Status values (assembly/han-devices/meter-reads.ts). */
const SUPPLY_STATUS: Record<number, string> = { 0: 'off', 1: 'armed', 2: 'on' };

/** Milli-pence as GBP with pence, signed (a meter balance may be negative). */
function gbp(milliPence: number): string {
  const sign = milliPence < 0 ? '-' : '';
  const p = Math.abs(milliPence);
  return `${sign}GBP ${Math.trunc(p / 100_000)}.${String(Math.trunc((p % 100_000) / 1000)).padStart(2, '0')}`;
}

function minutes(ms: number): string {
  return (ms / 60_000).toFixed(1);
}

function m3(dm3: number): string {
  return `${Math.trunc(dm3 / 1000)}.${String(dm3 % 1000).padStart(3, '0')}`;
}

function kwh(wh: number): string {
  return `${Math.trunc(wh / 1000)}.${String(wh % 1000).padStart(3, '0')}`;
}
