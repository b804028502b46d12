// A size-bounded map for provider-owned caches (STYLE.md "Everything has a maximum"). When
// full, inserting a new key evicts the OLDEST INSERTED entry (FIFO over a Map's insertion
// order). FIFO rather than LRU keeps get() free of writes; for key and shared-secret caches the
// hot set is small compared with the bound, so the hit rate is the same in practice.

export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly entriesMax: number) {
    if (!Number.isInteger(entriesMax) || entriesMax < 1) throw new RangeError(`cache bound must be a positive integer`);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.entriesMax) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }
}
