/** A bounded log of transitions (a ring), so `story(key)` can say why a task moved and on which stimulus. */
import type { KeyId } from '../../protocol/messages.js';
import type { TaskStateName, TransitionRecord } from './types.js';

/** The last `capacity` transitions. */
export class Story {
  private readonly ring: (TransitionRecord | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array(Math.max(0, capacity));
  }

  record(key: KeyId, start: TaskStateName, finish: TaskStateName, stimulusId: string, time: number): void {
    if (this.ring.length === 0) return;
    this.ring[this.next] = { key, start, finish, stimulusId, time };
    this.next = (this.next + 1) % this.ring.length;
    if (this.count < this.ring.length) this.count++;
  }

  /** The kept transitions, oldest first; only those of `keys` when given. */
  list(keys?: readonly KeyId[]): TransitionRecord[] {
    const out: TransitionRecord[] = [];
    const wanted = keys === undefined ? undefined : new Set(keys);
    const start = (this.next - this.count + this.ring.length) % Math.max(1, this.ring.length);
    for (let i = 0; i < this.count; i++) {
      const r = this.ring[(start + i) % this.ring.length]!;
      if (wanted === undefined || wanted.has(r.key)) out.push(r);
    }
    return out;
  }
}
