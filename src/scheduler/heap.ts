/** A binary min-heap of task numbers ordered by a priority array (lower runs first). */
export class TaskHeap {
  private items: Int32Array;
  private count = 0;

  constructor(
    private readonly priority: Int32Array,
    capacity = 16,
  ) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  /** Number of tasks in the heap. */
  get size(): number {
    return this.count;
  }

  /** The task with the lowest priority value, without removing it (-1 when empty). */
  peek(): number {
    return this.count ? this.items[0]! : -1;
  }

  /** Adds task `t`. */
  push(t: number): void {
    if (this.count === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    const p = this.priority;
    let i = this.count++;
    const pt = p[t]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (p[items[parent]!]! <= pt) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = t;
  }

  /** Removes and returns the task with the lowest priority value (-1 when empty). */
  pop(): number {
    if (this.count === 0) return -1;
    const items = this.items;
    const p = this.priority;
    const top = items[0]!;
    const last = items[--this.count]!;
    const pl = p[last]!;
    let i = 0;
    const n = this.count;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && p[items[child + 1]!]! < p[items[child]!]!) child++;
      if (p[items[child]!]! >= pl) break;
      items[i] = items[child]!;
      i = child;
    }
    if (n > 0) items[i] = last;
    return top;
  }

  /** Empties the heap. */
  clear(): void {
    this.count = 0;
  }
}
