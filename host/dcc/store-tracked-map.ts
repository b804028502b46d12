// A Map that remembers which keys may have changed since the store last committed, so a commit
// writes those rows only (O(changed), not O(state)). Records are mutated in place by the service
// (a device's status, a quarantine's outcome), so for maps of records a key counts as touched
// when it is set, deleted or read with get(), and every key when the map is iterated; a map of
// immutable values (counters, pending requests) counts only set and delete. Tracking starts when
// a store asks for it (startTracking), so a DCC without a store pays nothing and keeps no key sets.

export class TrackedMap<V> extends Map<string, V> {
  readonly #touched = new Set<string>();
  #allTouched = false;
  #cleared = false;
  #tracking = false;

  constructor(
    entries: Iterable<readonly [string, V]> = [],
    /** True when callers mutate the values they read. */
    private readonly recordsMutable = false,
  ) {
    super(); // filled below: Map's constructor would call set() before the private fields exist
    for (const [key, value] of entries) super.set(key, value);
  }

  /** From now on, remember touched keys; `everything`: count every present key as touched (a new store). */
  startTracking(everything: boolean): void {
    this.#tracking = true;
    this.#allTouched = everything;
  }

  override set(key: string, value: V): this {
    if (this.#tracking) this.#touched.add(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (this.#tracking) this.#touched.add(key);
    return super.delete(key);
  }

  override clear(): void {
    this.#cleared = this.#tracking;
    this.#touched.clear();
    super.clear();
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (this.#tracking && this.recordsMutable && value !== undefined) this.#touched.add(key);
    return value;
  }

  override values(): MapIterator<V> {
    if (this.#tracking && this.recordsMutable) this.#allTouched = true;
    return super.values();
  }

  override entries(): MapIterator<[string, V]> {
    if (this.#tracking && this.recordsMutable) this.#allTouched = true;
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    if (this.#tracking && this.recordsMutable) this.#allTouched = true;
    super.forEach(fn, thisArg);
  }

  /** The values for serialising, without counting them as touched. */
  untrackedValues(): V[] {
    return [...super.values()];
  }

  /** The entries for serialising, without counting them as touched. */
  untrackedEntries(): [string, V][] {
    return [...super.entries()];
  }

  /**
   * The keys touched since the last call, each with its value now (undefined: deleted), and
   * whether the map was cleared meanwhile (the store then drops every row first).
   */
  takeTouched(): { cleared: boolean; rows: [string, V | undefined][] } {
    const cleared = this.#cleared;
    const keys = this.#allTouched || cleared ? new Set([...super.keys(), ...this.#touched]) : this.#touched;
    const rows = [...keys].map((k): [string, V | undefined] => [k, super.get(k)]);
    this.#touched.clear();
    this.#allTouched = false;
    this.#cleared = false;
    return { cleared, rows };
  }
}
