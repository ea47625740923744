/**
 * Declared resources of a worker (`--resources GPU=1`) and what running tasks hold of them: a task needing
 * `{ GPU: 1 }` starts only while 1 GPU of the declared total is free, and holds it until its outcome comes back.
 * Pure bookkeeping, no I/O; the worker state machine decides when to acquire and release.
 */
import type { KeyId, WorkerAddress } from '../../protocol/messages.js';
import { WorkerError } from '../errors.js';

/** Amounts of named resources, e.g. `{ GPU: 1, MEMORY: 5e9 }`. */
export type Resources = Readonly<Record<string, number>>;

/** The declared totals and the amounts free right now. */
export class ResourcePool {
  /** Declared totals. */
  readonly total: Resources;
  private readonly free: Record<string, number>;

  /** Throws a WorkerError BAD_ARGUMENT when an amount is negative or not finite. */
  constructor(declared: Resources | undefined) {
    for (const [name, amount] of Object.entries(declared ?? {})) {
      if (!(amount >= 0) || !Number.isFinite(amount)) {
        throw new WorkerError(
          'BAD_ARGUMENT',
          `WorkerState: resource ${name} must be a finite number >= 0, got ${amount}`,
        );
      }
    }
    this.total = { ...(declared ?? {}) };
    this.free = { ...this.total };
  }

  /** A copy of the amounts free right now. */
  available(): Resources {
    return { ...this.free };
  }

  /** Whether `needs` can be taken now. */
  fits(needs: Resources | undefined): boolean {
    for (const [name, amount] of Object.entries(needs ?? {})) {
      if ((this.free[name] ?? 0) < amount) return false;
    }
    return true;
  }

  /** Takes `needs` (the caller checked `fits`). */
  acquire(needs: Resources): void {
    for (const [name, amount] of Object.entries(needs)) this.free[name]! -= amount;
  }

  /** Gives back what `acquire(needs)` took. */
  release(needs: Resources): void {
    for (const [name, amount] of Object.entries(needs)) this.free[name]! += amount;
  }

  /** Why task `key` can never run on worker `address` (it needs more than declared), or undefined when it can. */
  impossible(key: KeyId, needs: Resources | undefined, address: WorkerAddress): string | undefined {
    for (const [name, amount] of Object.entries(needs ?? {})) {
      const total = this.total[name] ?? 0;
      if (total < amount) {
        return `task ${key} needs ${name}=${amount} but worker ${address} declares ${name}=${total}`;
      }
    }
    return undefined;
  }

  /**
   * What is wrong with the accounting given what the running tasks hold (`held`, one entry per task), or undefined
   * when free + held equals the declared total for every resource and nothing is over-committed.
   */
  check(held: Iterable<Resources>): string | undefined {
    const used: Record<string, number> = {};
    for (const r of held) for (const [name, amount] of Object.entries(r)) used[name] = (used[name] ?? 0) + amount;
    for (const [name, total] of Object.entries(this.total)) {
      const free = this.free[name]!;
      if (free < 0) return `resource ${name} over-committed: ${free} free`;
      if (Math.abs(free + (used[name] ?? 0) - total) > 1e-9) {
        return `resource ${name}: ${free} free + ${used[name] ?? 0} used != ${total}`;
      }
    }
    return undefined;
  }
}
