import { keyFromId } from '../graph/keys.js';
import { ComputeAbortedError, errorInfo, SchedulerError, TaskError } from './errors.js';
import { evaluateTask, isThenable } from './evaluate.js';
import { now, type ProgressCallback } from './progress.js';
import { estimateBytes } from './size.js';
import type { ComputeState } from './state.js';

/** What a scheduler run needs besides the state. */
export interface RunContext {
  readonly signal?: AbortSignal;
  readonly emit?: ProgressCallback;
}

/**
 * Runs every task on this thread, one at a time, in priority order. Ops are called directly, so a debugger stops
 * in user code and a thrown error keeps its own stack (it becomes the TaskError's `cause`).
 */
export async function runSync(state: ComputeState, context: RunContext): Promise<void> {
  const { signal, emit } = context;
  const g = state.graph;
  const lookup = (id: string): unknown => state.result(g.index.get(id)!);
  for (let t = state.ready.pop(); t >= 0; t = state.ready.pop()) {
    if (signal?.aborted) throw new ComputeAbortedError(signal.reason);
    state.claim(t);
    const start = now();
    if (emit) emit({ type: 'task-start', key: keyFromId(g.ids[t]!), time: start });
    let value: unknown;
    try {
      value = evaluateTask(g.specs[t]!, lookup);
      if (isThenable(value)) value = await value;
    } catch (err) {
      state.fail(t);
      const error = new TaskError(keyFromId(g.ids[t]!), g.ids[t]!, errorInfo(err), err);
      if (emit) emit({ type: 'task-error', key: error.key, error });
      throw error;
    }
    const end = emit ? now() : 0;
    const bytes = emit ? estimateBytes(value) : 0;
    state.finish(t, value, true, bytes);
    if (emit) {
      const { liveResults, liveBytes } = state;
      emit({ type: 'task-finish', key: keyFromId(g.ids[t]!), start, end, bytes, thread: 0, liveResults, liveBytes });
    }
  }
  if (!state.complete) throw new SchedulerError('WORKER_FAILED', 'no ready task left but the graph is not complete');
}
