// The DCC store (issue 9 point 8, dcc.md 13.5): SqliteStore behind DccStore. After every unit of
// work the file holds exactly the state in memory (inventory changed in place by non-device
// requests and by device responses, counters, pending requests, held pre-commands, thresholds,
// quarantines, the event log, undelivered callbacks); a restarted runtime resumes from it; an
// unusable file is refused with a specific error and left as it was.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveQuarantine, submitThresholds } from '../../host/dcc/anomaly/anomaly-service.js';
import { rawSignatureToDer } from '../../host/dcc/anomaly/der-signature.js';
import { DccStoreError } from '../../host/dcc/errors.js';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS } from '../../host/dcc/reference-estate.js';
import { createDccRuntime } from '../../host/dcc/server/create-runtime.js';
import type { PostFn } from '../../host/dcc/server/callbacks.js';
import type { DccRuntime } from '../../host/dcc/server/runtime.js';
import type { DccStateData } from '../../host/dcc/state.js';
import { SqliteStore, STORE_SCHEMA } from '../../host/dcc/store-sqlite.js';
import { keystore, provider, readTemplate } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'dcc-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SUPPLIER_KEY = '90B3D51F30010000';
const NETWORK_OPERATOR_KEY = '90B3D51F30020000';
const ESME1 = '00-DB-12-34-56-78-90-A0';
const ESME2 = '00-DB-12-34-56-78-90-B0';

/** Records in a canonical order: a store returns rows by key, memory keeps insertion order. */
function canonical(data: DccStateData): Record<string, unknown> {
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) && k !== 'events' ? sorted(v) : v]));
}

function open(path: string, post: PostFn, callbackUrl = 'http://127.0.0.1:9/callback'): { runtime: DccRuntime; store: SqliteStore } {
  const store = new SqliteStore(path);
  return { runtime: createDccRuntime({ keys: keystore, provider, startMs: ESTATE_CLOCK_MS, post, store, callbackUrl }), store };
}

/** What a second connection reads from the file now. */
function fileContents(path: string) {
  const reader = new SqliteStore(path);
  try {
    return reader.load()!;
  } finally {
    reader.close();
  }
}

function sign(xml: string, signer: string, counter: bigint, device?: string): string {
  const text = device ? xml.replace(/<sr:DeviceID>[^<]+</, `<sr:DeviceID>${device}<`) : xml;
  return prepareRequest(text, { ...signingKey(signer) }, provider, { counter });
}

let keyRuntime: DccRuntime | undefined;
function signingKey(eui: string) {
  keyRuntime ??= createDccRuntime({ keys: keystore, provider, startMs: 0, post: async () => 'ok', fleet: false });
  return keyRuntime.service.signers.signingKey(eui)!;
}

describe('SqliteStore: every commit leaves the file equal to memory', () => {
  it('inventory, counters, pending, pre-commands, thresholds, quarantines, event log and outbox, step by step', async () => {
    const path = join(dir, 'steps.db');
    const { runtime, store } = open(path, async () => 'failed');
    const same = (step: string) => {
      const stored = fileContents(path);
      expect(canonical(stored.state), step).toEqual(canonical(runtime.service.state.toData()));
      expect(stored.clockMs, step).toBe(runtime.clock.nowMs);
      expect(stored.outbox.length, step).toBe(runtime.callbacks.waiting());
    };
    same('new store: the reference estate');
    expect(runtime.handle('serviceD', sign(readTemplate('12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML'), SUPPLIER_KEY, 5000n, ESME2)).code).toBe('I99');
    same('12.2 adds a Pending ESME');
    expect(runtime.handle('serviceS', sign(readTemplate('CCS01_8.11_SUCCESS_REQUEST_DUIS.XML'), SUPPLIER_KEY, 5001n, ESME2)).code).toBe('I99');
    same('8.11 pending at the CHF');
    await runtime.advanceTo(ESTATE_CLOCK_MS + 60_000);
    expect(runtime.service.state.devices.get(ESME2)!.status).toBe('Whitelisted');
    same('the CHF response whitelists ESME2 in place; N24 and the response wait for callbacks that fail');
    expect(runtime.handle('serviceD', sign(readTemplate('8.3_DECOMMISSION_DEVICE_REQUEST_DUIS.XML'), SUPPLIER_KEY, 5002n)).code).toBe('I99');
    same('8.3 decommissions ESME1 in place');
    expect(runtime.handle('serviceT', sign(readTemplate('ECS04a_1.5_SUCCESS_REQUEST_DUIS.XML'), SUPPLIER_KEY, 5003n)).code).toBe('E5');
    same('a refusal: only the event log grows');
    const file = new TextEncoder().encode('UserID,UserRole,ServiceReferenceVariant,PeriodMinutes,MaxCount\n90-B3-D5-1F-30-02-00-00,ED,4.2,1440,1\n');
    const signature = Buffer.from(rawSignatureToDer(provider.ecdsaSign(keystore.privateKey(NETWORK_OPERATOR_KEY, 'ds')!, file))).toString('base64');
    expect(submitThresholds(runtime.service, file, signature).httpStatus).toBe(200);
    runtime.commit();
    same('a threshold file');
    const read = (counter: bigint) => runtime.handle('serviceS', sign(readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML'), NETWORK_OPERATOR_KEY, counter));
    expect(read(6000n).code).toBe('E5'); // ESME1 is decommissioned, not counted
    expect(runtime.handle('serviceS', sign(readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML').replace(ESME1, '00-DB-12-34-56-78-90-A3'), NETWORK_OPERATOR_KEY, 6001n)).code).not.toBe('I99');
    same('more refusals');
    expect(runtime.service.state.quarantines.size).toBe(0);
  });

  it('a quarantined request and its deletion (a record changed in place while the map is iterated on every request)', () => {
    const path = join(dir, 'quarantine.db');
    const { runtime } = open(path, async () => 'ok');
    const file = new TextEncoder().encode('UserID,UserRole,ServiceReferenceVariant,PeriodMinutes,MaxCount\n90-B3-D5-1F-30-02-00-00,ED,4.2,1440,1\n');
    const signature = Buffer.from(rawSignatureToDer(provider.ecdsaSign(keystore.privateKey(NETWORK_OPERATOR_KEY, 'ds')!, file))).toString('base64');
    expect(submitThresholds(runtime.service, file, signature).httpStatus).toBe(200);
    runtime.commit();
    const read = (counter: bigint) => runtime.handle('serviceS', sign(readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML'), NETWORK_OPERATOR_KEY, counter));
    expect(read(7000n).code).toBe('I99');
    expect(read(7001n).code).toBe('I99');
    expect(runtime.service.state.quarantines.get('q-000001')!.status).toBe('held');
    expect(fileContents(path).state.quarantines).toMatchObject([{ quarantineId: 'q-000001', status: 'held' }]);
    expect(resolveQuarantine(runtime.service, 'q-000001', 'delete')).toBe('deleted');
    runtime.commit();
    const stored = fileContents(path);
    expect(stored.state.quarantines).toMatchObject([{ quarantineId: 'q-000001', status: 'deleted' }]);
    expect(canonical(stored.state)).toEqual(canonical(runtime.service.state.toData()));
  });
});

describe('SqliteStore: a restarted runtime resumes', () => {
  it('clock, state and counters come back; undelivered callbacks are posted after the restart, once each', async () => {
    const path = join(dir, 'restart.db');
    const first = open(path, async () => 'failed');
    expect(first.runtime.handle('serviceS', sign(readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML'), NETWORK_OPERATOR_KEY, 8000n)).code).toBe('I99');
    await first.runtime.advanceTo(ESTATE_CLOCK_MS + 20_000); // the device answered; the callback keeps failing
    expect(first.runtime.callbacks.waiting()).toBe(1);
    const before = first.runtime.service.state.toData();
    first.store.close();

    const posted: string[] = [];
    const second = open(path, async (_url, xml) => (posted.push(xml), 'ok'));
    expect(second.runtime.clock.nowMs).toBe(ESTATE_CLOCK_MS + 20_000);
    expect(canonical(second.runtime.service.state.toData())).toEqual(canonical(before));
    expect(second.runtime.handle('serviceS', sign(readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML'), NETWORK_OPERATOR_KEY, 8000n)).code).toBe('EX-COUNTER');
    await second.runtime.advanceTo(ESTATE_CLOCK_MS + 30_000);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain(':8000</sr:RequestID>');
    expect(posted[0]).toContain('<sr:ResponseCode>I0</sr:ResponseCode>');
    expect(fileContents(path).outbox).toEqual([]);
    second.store.close();
  });

  it('a command whose response had not come back is sent again to the new emulated fleet, and answered once', async () => {
    const path = join(dir, 'in-flight.db');
    const first = open(path, async () => 'ok');
    expect(first.runtime.handle('serviceS', sign(readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML'), NETWORK_OPERATOR_KEY, 9000n)).code).toBe('I99');
    first.store.close(); // "killed" before the clock moved: the command never left the old fleet

    const posted: string[] = [];
    const second = open(path, async (_url, xml) => (posted.push(xml), 'ok'));
    expect(second.runtime.service.state.pending.size).toBe(1);
    await second.runtime.advanceTo(ESTATE_CLOCK_MS + 300_000);
    expect(posted.filter((x) => x.includes(':9000</sr:RequestID>')).map((x) => /<sr:ResponseCode>([^<]+)</.exec(x)![1])).toEqual(['I0']);
    expect(second.runtime.service.state.pending.size).toBe(0);
    second.store.close();
  });
});

describe('SqliteStore: an unusable file is refused, not crashed on, and left as it is', () => {
  it('random bytes: DccStoreError corrupt', () => {
    const path = join(dir, 'random.db');
    const bytes = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) & 0xff));
    writeFileSync(path, bytes);
    const error = (() => {
      try {
        new SqliteStore(path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DccStoreError);
    expect(error).toMatchObject({ storeReason: 'corrupt', path, reason: 'db-corrupt' });
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a store whose pages were overwritten: corrupt (integrity check)', () => {
    const path = join(dir, 'torn.db');
    const { store } = open(path, async () => 'ok');
    store.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(8192);
    bytes.fill(0x5a, 4096); // every page after the header page: the tables' b-trees
    writeFileSync(path, bytes);
    expect(() => new SqliteStore(path).load()).toThrow(expect.objectContaining({ storeReason: 'corrupt' }));
  });

  it('a file in a directory that does not exist: unopenable', () => {
    expect(() => new SqliteStore(join(dir, 'missing', 'dcc.db'))).toThrow(expect.objectContaining({ storeReason: 'unopenable', reason: 'db-unopenable' }));
  });

  it('another program\'s SQLite database: foreign-schema, nothing written', () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    const bytes = readFileSync(path);
    expect(() => new SqliteStore(path)).toThrow(expect.objectContaining({ storeReason: 'foreign-schema', message: expect.stringContaining(`expected '${STORE_SCHEMA}'`) }));
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
