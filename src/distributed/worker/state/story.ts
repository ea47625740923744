/** A ring buffer of the worker's last transitions, for `WorkerState.story(key)` (why did this task move?). */
import type { KeyId } from '../../protocol/messages.js';
import type { Transition } from './types.js';

/** The last `capacity` transitions, oldest overwritten first. */
export class TransitionLog {
  private readonly log: Transition[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  /** Records one transition. */
  push(entry: Transition): void {
    if (this.log.length < this.capacity) this.log.push(entry);
    else {
      this.log[this.next] = entry;
      this.next = (this.next + 1) % this.capacity;
    }
  }

  /** The recorded transitions of `key` (or of every key), oldest first. */
  story(key?: KeyId): Transition[] {
    const ordered =
      this.log.length < this.capacity ? this.log : [...this.log.slice(this.next), ...this.log.slice(0, this.next)];
    return key === undefined ? [...ordered] : ordered.filter((t) => t.key === key);
  }
}
