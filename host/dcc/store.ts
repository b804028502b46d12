import type { DccStateData } from './state.js';

// The store interface of the DCC layer (ARCHITECTURE.md names better-sqlite3 as the default;
// its native build cannot be installed here: npm 11's install-scripts policy blocks the build
// and there is no network for prebuilt binaries, so `npm ci` on a fresh clone would fail).
// The interface stays one load/save pair so an SQLite or PostgreSQL store can replace these.

export interface DccStore {
  load(): DccStateData | undefined;
  save(data: DccStateData): void;
}

/** Keeps the last saved state in memory (tests, virtual-time runs). */
export class MemoryStore implements DccStore {
  #data: string | undefined;
  load(): DccStateData | undefined {
    return this.#data === undefined ? undefined : (JSON.parse(this.#data) as DccStateData);
  }
  save(data: DccStateData): void {
    this.#data = JSON.stringify(data);
  }
}

/** Persists the state as one JSON file, written to a temporary name and renamed (no torn file). */
export class JsonFileStore implements DccStore {
  constructor(private readonly path: string) {}
  load(): DccStateData | undefined {
    const fs = process.getBuiltinModule('node:fs');
    if (!fs.existsSync(this.path)) return undefined;
    return JSON.parse(fs.readFileSync(this.path, 'utf8')) as DccStateData;
  }
  save(data: DccStateData): void {
    const fs = process.getBuiltinModule('node:fs');
    const tmp = `${this.path}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, this.path);
  }
}
