/**
 * Abstract resources (`{ GPU: 1 }`): which workers can ever run a task, and what its run takes from a worker while
 * it is processing there. The worker enforces the same limits on what actually runs at once.
 */
import type { Resources } from '../../protocol/messages.js';
import { SchedulerStateError } from './errors.js';

/** True when a worker that declared `supplied` could run a task needing `need` at all. */
export function canSupply(supplied: Resources, need: Resources | undefined): boolean {
  if (need === undefined) return true;
  for (const name in need) {
    if ((supplied[name] ?? 0) < need[name]!) return false;
  }
  return true;
}

/** True when `need` fits in what is left of `supplied` after `used`. */
export function fitsNow(
  supplied: Resources,
  used: Readonly<Record<string, number>>,
  need: Resources | undefined,
): boolean {
  if (need === undefined) return true;
  for (const name in need) {
    if ((supplied[name] ?? 0) - (used[name] ?? 0) < need[name]!) return false;
  }
  return true;
}

/** Adds (sign 1) or gives back (sign -1) `need` to `used`. */
export function takeResources(used: Record<string, number>, need: Resources | undefined, sign: 1 | -1): void {
  if (need === undefined) return;
  for (const name in need) used[name] = (used[name] ?? 0) + sign * need[name]!;
}

/**
 * Parses `GPU=1,MEMORY=5e9` (the CLI's `--resources`). Throws a clear error naming the bad part.
 */
export function parseResources(text: string): Resources {
  const out: Record<string, number> = {};
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const value = Number(part.slice(eq + 1));
    if (eq <= 0 || name === '' || !Number.isFinite(value) || value < 0) {
      throw new SchedulerStateError(
        'BAD_ARGUMENT',
        `bad resource "${part}" in "${text}": expected NAME=number, e.g. GPU=1,MEMORY=5e9`,
      );
    }
    out[name] = value;
  }
  return out;
}
