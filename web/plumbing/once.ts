/**
 * Recognises a repeated request in this process: the second of two POSTs with the same Update id
 * (a double click, 50 ms apart) waits for the first and is told it was already
 * recorded, and when. Across processes (or after `ttlMs`), Temporal's own Update-id deduplication
 * and the workflow's validators do the same job; this only makes the answer precise.
 */
export interface OnceResult<T> {
  /** True for the request that ran the action; false for a repeat. */
  first: boolean;
  value: T;
  /** When the first request got its result. */
  at: Date;
}

export class Once<T> {
  private readonly entries = new Map<string, { promise: Promise<{ value: T; at: Date }>; settledAt?: number }>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Runs `fn` for `id` unless it is running or ran within `ttlMs` with a result. A failure is not
   * remembered (the entry is dropped), so a retry after an error runs again; a repeat that joined
   * the failing run gets the same error.
   */
  async run(id: string, fn: () => Promise<T>): Promise<OnceResult<T>> {
    this.purge();
    const existing = this.entries.get(id);
    if (existing) {
      const { value, at } = await existing.promise;
      return { first: false, value, at };
    }
    const entry: { promise: Promise<{ value: T; at: Date }>; settledAt?: number } = {
      promise: fn().then(
        (value) => {
          entry.settledAt = this.clock().getTime();
          return { value, at: this.clock() };
        },
        (err: unknown) => {
          this.entries.delete(id);
          throw err;
        },
      ),
    };
    this.entries.set(id, entry);
    const { value, at } = await entry.promise;
    return { first: true, value, at };
  }

  private purge(): void {
    const now = this.clock().getTime();
    for (const [id, e] of this.entries) {
      if (e.settledAt !== undefined && now - e.settledAt > this.ttlMs) this.entries.delete(id);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
