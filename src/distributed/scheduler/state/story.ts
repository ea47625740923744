/**
 * A bounded log of transitions (a ring), so `story(key)` can say why a task moved and on which stimulus. Kept in
 * parallel arrays: a record object per transition would be most of the garbage of a million-task graph.
 */
import type { KeyId } from '../../protocol/messages.js';
import type { TaskStateName, TransitionRecord } from './types.js';

const STATES: readonly TaskStateName[] = [
  'released',
  'waiting',
  'queued',
  'no-worker',
  'processing',
  'memory',
  'erred',
  'forgotten',
];
const CODE = new Map<TaskStateName, number>(STATES.map((s, i) => [s, i]));

/** The last `capacity` transitions. */
export class Story {
  private readonly keys: (KeyId | undefined)[];
  private readonly stimuli: (string | undefined)[];
  private readonly moves: Uint8Array;
  private readonly times: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    const n = Math.max(0, Math.floor(capacity));
    this.keys = new Array(n);
    this.stimuli = new Array(n);
    this.moves = new Uint8Array(n);
    this.times = new Float64Array(n);
  }

  record(key: KeyId, start: TaskStateName, finish: TaskStateName, stimulusId: string, time: number): void {
    const n = this.keys.length;
    if (n === 0) return;
    const i = this.next;
    this.keys[i] = key;
    this.stimuli[i] = stimulusId;
    this.moves[i] = (CODE.get(start)! << 4) | CODE.get(finish)!;
    this.times[i] = time;
    this.next = i + 1 === n ? 0 : i + 1;
    if (this.count < n) this.count++;
  }

  /** The kept transitions, oldest first; only those of `keys` when given. */
  list(keys?: readonly KeyId[]): TransitionRecord[] {
    const out: TransitionRecord[] = [];
    const n = this.keys.length;
    const wanted = keys === undefined ? undefined : new Set(keys);
    const first = (this.next - this.count + n) % Math.max(1, n);
    for (let j = 0; j < this.count; j++) {
      const i = (first + j) % n;
      const key = this.keys[i]!;
      if (wanted !== undefined && !wanted.has(key)) continue;
      const m = this.moves[i]!;
      out.push({
        key,
        start: STATES[m >> 4]!,
        finish: STATES[m & 15]!,
        stimulusId: this.stimuli[i]!,
        time: this.times[i]!,
      });
    }
    return out;
  }
}
