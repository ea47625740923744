/** Lexicographic order of priority tuples (lower runs first), as dask orders its priority tuples. */
export function comparePriority(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

interface Entry<T> {
  readonly item: T;
  readonly priority: readonly number[];
  readonly seq: number;
}

/**
 * A binary min-heap of items by priority tuple, ties broken by insertion order. Entries are never removed from the
 * middle: callers pop and skip items that are no longer in the state the heap stands for (lazy deletion), which
 * keeps every transition O(log n).
 */
export class PriorityHeap<T> {
  private readonly entries: Entry<T>[] = [];
  private seq = 0;

  /** Entries, stale ones included. */
  get size(): number {
    return this.entries.length;
  }

  /** Adds `item` with `priority`. */
  push(item: T, priority: readonly number[]): void {
    this.pushEntry({ item, priority, seq: this.seq++ });
  }

  private pushEntry(entry: Entry<T>): void {
    const e = this.entries;
    e.push(entry);
    let i = e.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(e[i]!, e[parent]!)) break;
      [e[i], e[parent]] = [e[parent]!, e[i]!];
      i = parent;
    }
  }

  /** The best item without removing it. */
  peek(): T | undefined {
    return this.entries[0]?.item;
  }

  /** Removes and returns the best item. */
  pop(): T | undefined {
    const e = this.entries;
    if (e.length === 0) return undefined;
    const top = e[0]!;
    const last = e.pop()!;
    if (e.length > 0) {
      e[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < e.length && this.less(e[l]!, e[m]!)) m = l;
        if (r < e.length && this.less(e[r]!, e[m]!)) m = r;
        if (m === i) break;
        [e[i], e[m]] = [e[m]!, e[i]!];
        i = m;
      }
    }
    return top.item;
  }

  /** Keeps only the items `keep` accepts (drops stale entries in one pass when they pile up). */
  filter(keep: (item: T) => boolean): void {
    const kept = this.entries.filter((x) => keep(x.item));
    this.entries.length = 0;
    for (const x of kept) this.pushEntry(x);
  }

  private less(a: Entry<T>, b: Entry<T>): boolean {
    const c = comparePriority(a.priority, b.priority);
    return c < 0 || (c === 0 && a.seq < b.seq);
  }
}
