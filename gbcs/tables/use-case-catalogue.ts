// The GBCS use-case catalogue (conformance/gbcs-use-cases.json), read from wherever the caller
// keeps it: reference data is never copied into the project (ARCHITECTURE.md). The JSON has no
// hex message code, so a message code is mapped to its use-case id with the GBCS 3 table and
// joined on the first word of `Use Case Title`; `Code` is not unique (GBCS 0). Ids that RTDS uses
// but the catalogue lacks (ECS08, ECS26d, … GCS60a) fall back to the GBCS 3 title.

import { ConfigError } from '../errors.js';
import { messageCodeRow, messageCodesOf } from './message-codes.js';

export interface UseCaseEntry {
  /** Use-case id, e.g. 'ECS17a'. */
  readonly id: string;
  /** `Use Case Name` from the catalogue, or the GBCS 3 title. */
  readonly name: string;
  /** `Use Case Title` from the catalogue (id + name), or id + GBCS 3 title. */
  readonly title: string;
  /** `Message Type`, e.g. 'SME.C.C'; undefined when the entry comes from GBCS 3 only. */
  readonly messageType: string | undefined;
  readonly serviceReference: string | undefined;
  readonly description: string | undefined;
  readonly source: 'catalogue' | 'message-codes';
}

/** The catalogue has 207 entries (GBCS 0); this bound only guards against a wrong file. */
export const USE_CASE_ENTRIES_MAX = 1000;

const FIELD_TITLE = 'Use Case Title';
const FIELD_NAME = 'Use Case Name';
const FIELD_MESSAGE_TYPE = 'Message Type';
const FIELD_SERVICE_REFERENCE = 'Service Reference';
const FIELD_DESCRIPTION = 'Use Case Description';

export class UseCaseCatalogue {
  private constructor(private readonly byId: ReadonlyMap<string, UseCaseEntry>) {}

  /** Builds the catalogue from the parsed JSON array; ConfigError if it has the wrong shape. */
  static fromJson(data: unknown): UseCaseCatalogue {
    if (!Array.isArray(data) || data.length > USE_CASE_ENTRIES_MAX) {
      throw new ConfigError('bad-use-case-catalogue', `expected an array of at most ${USE_CASE_ENTRIES_MAX} use cases`);
    }
    const byId = new Map<string, UseCaseEntry>();
    for (const item of data) {
      const title = stringField(item, FIELD_TITLE);
      if (title === undefined) throw new ConfigError('bad-use-case-catalogue', `an entry has no '${FIELD_TITLE}'`);
      const id = title.split(/\s+/)[0]!;
      if (byId.has(id)) throw new ConfigError('bad-use-case-catalogue', `use case ${id} appears twice`);
      byId.set(id, {
        id,
        name: stringField(item, FIELD_NAME) ?? title.slice(id.length).trim(),
        title,
        messageType: stringField(item, FIELD_MESSAGE_TYPE),
        serviceReference: stringField(item, FIELD_SERVICE_REFERENCE),
        description: stringField(item, FIELD_DESCRIPTION),
        source: 'catalogue',
      });
    }
    return new UseCaseCatalogue(byId);
  }

  /** Reads the catalogue JSON file (e.g. ../shared/conformance/gbcs-use-cases.json). */
  static load(path: string): UseCaseCatalogue {
    // process.getBuiltinModule (Node >= 20.16) rather than a static node:fs import keeps this
    // module loadable in a browser bundle, where only fromJson() is used.
    let text: string;
    try {
      text = process.getBuiltinModule('node:fs').readFileSync(path, 'utf8');
    } catch (cause) {
      throw new ConfigError('use-case-catalogue-unreadable', `${path}: ${(cause as Error).message}`);
    }
    try {
      return UseCaseCatalogue.fromJson(JSON.parse(text));
    } catch (cause) {
      if (cause instanceof ConfigError) throw cause;
      throw new ConfigError('bad-use-case-catalogue', `${path}: ${(cause as Error).message}`);
    }
  }

  /** An empty catalogue: every lookup falls back to the GBCS 3 table. */
  static empty(): UseCaseCatalogue {
    return new UseCaseCatalogue(new Map());
  }

  get size(): number {
    return this.byId.size;
  }

  /** The catalogue entry for a use-case id, else one built from the GBCS 3 table, else undefined. */
  get(id: string): UseCaseEntry | undefined {
    const entry = this.byId.get(id);
    if (entry) return entry;
    const row = messageCodesOf(id)[0];
    return row ? fallbackEntry(row.useCase, row.title) : undefined;
  }

  /** The use case of a header message code (GBCS 3 then the catalogue join). */
  forMessageCode(code: number): UseCaseEntry | undefined {
    const row = messageCodeRow(code);
    if (!row) return undefined;
    return this.byId.get(row.useCase) ?? fallbackEntry(row.useCase, row.title);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}

function fallbackEntry(id: string, title: string): UseCaseEntry {
  return { id, name: title, title: `${id} ${title}`, messageType: undefined, serviceReference: undefined, description: undefined, source: 'message-codes' };
}

function stringField(item: unknown, key: string): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const value = (item as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
