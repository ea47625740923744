// SIGINT / SIGTERM during a command that writes (convert): the work is aborted through an AbortSignal, removes
// what it started (temporary files), and the command exits as a shell expects of an interrupted program.

/** Exit status of a process ended by a signal, as shells report it (128 + the signal's number). */
export const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Stopped by SIGINT / SIGTERM: the partial output was removed; exit 128 + the signal number. */
export class InterruptedError extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}; the partial output was removed`);
  }
}

/**
 * Runs `work` with an AbortSignal that SIGINT and SIGTERM abort: the work removes what it started (temporary
 * files) and rejects, then the command exits with 128 + the signal number. The handlers are removed afterwards,
 * so a second Ctrl-C after that ends the process at once, as usual.
 */
export async function withInterruptSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handlers = Object.keys(SIGNAL_EXIT).map((name) => {
    const handler = () => controller.abort(new InterruptedError(name));
    process.once(name as NodeJS.Signals, handler);
    return [name, handler] as const;
  });
  try {
    return await work(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw err;
  } finally {
    for (const [name, handler] of handlers) process.removeListener(name as NodeJS.Signals, handler);
  }
}
