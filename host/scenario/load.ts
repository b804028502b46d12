import { readFileSync } from 'node:fs';
import { ConfigError } from '../../gbcs/errors.js';
import defaultScenario from '../scenarios/default.json' with { type: 'json' };
import faultsScenario from '../scenarios/faults.json' with { type: 'json' };
import fleetScenario from '../scenarios/fleet.json' with { type: 'json' };
import prepaymentScenario from '../scenarios/prepayment.json' with { type: 'json' };
import type { Scenario } from './scenario.js';
import { validateScenario } from './validate.js';

// Scenario sources: a built-in name (the JSON files in host/scenarios/, bundled into the CLI)
// or a path to a JSON file. Either way the document goes through validateScenario.

export const BUILT_IN_SCENARIOS: Readonly<Record<string, unknown>> = { default: defaultScenario, faults: faultsScenario, fleet: fleetScenario, prepayment: prepaymentScenario };
/** Scenario files larger than this are refused (a scenario describes, it does not list meters). */
export const SCENARIO_FILE_BYTES_MAX = 4 * 1024 * 1024;

export function builtInScenario(name: string): Scenario {
  const doc = BUILT_IN_SCENARIOS[name];
  if (doc === undefined) throw new ConfigError('bad-scenario', `no built-in scenario '${name}' (built in: ${Object.keys(BUILT_IN_SCENARIOS).join(', ')})`);
  return validateScenario(structuredClone(doc), name);
}

/** A built-in name or a file path. */
export function loadScenario(nameOrPath: string): Scenario {
  if (BUILT_IN_SCENARIOS[nameOrPath] !== undefined) return builtInScenario(nameOrPath);
  let text: string;
  try {
    const bytes = readFileSync(nameOrPath);
    if (bytes.length > SCENARIO_FILE_BYTES_MAX) throw new ConfigError('bad-scenario', `${nameOrPath}: larger than ${SCENARIO_FILE_BYTES_MAX} bytes`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('bad-scenario', `${nameOrPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'}); built-in scenarios: ${Object.keys(BUILT_IN_SCENARIOS).join(', ')}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('bad-scenario', `${nameOrPath}: not JSON (${(error as Error).message})`);
  }
  return validateScenario(doc, 'scenario');
}
