import type { GraphInput } from '../graph/graph.js';
import { isKey, type Key } from '../graph/keys.js';
import { checkOptions, type OptionsErrorFactory, optionNames } from '../options/check.js';
import { type DashboardOptions, dashboardOptions, sharedDashboard } from './dashboard_hook.js';
import { SchedulerError } from './errors.js';
import { sharedThreadPool, ThreadPool } from './pool.js';
import { loadGraphOps, type PreparedGraph, type PrepareOptions, prepareGraph } from './prepare.js';
import { type ComputeStats, now, type ProgressCallback, type ProgressEvent, terminalProgressBar } from './progress.js';
import { ComputeState } from './state.js';
import { runSync } from './sync.js';
import { runThreads, type ThreadsOptions } from './threads.js';

/**
 * A scheduler that runs prepared graphs elsewhere: a cluster `Client` (tessera/distributed). Declared here as an
 * interface so that this module does not depend on the distributed code.
 */
export interface GraphRunner {
  /** Runs `prepared` and resolves to the values of its outputs, in order. */
  runPrepared(
    prepared: PreparedGraph,
    options: { signal?: AbortSignal; onProgress?: ProgressCallback },
  ): Promise<unknown[]>;
}

/** Options of {@link compute}. */
export interface ComputeOptions extends PrepareOptions, ThreadsOptions {
  /**
   * `'sync'` (this thread, for debugging), `'threads'` (the shared pool, default), a ThreadPool of your own, or a
   * cluster `Client` (runs on the cluster's workers).
   */
  scheduler?: 'sync' | 'threads' | ThreadPool | GraphRunner;
  /** Cancels the compute: it rejects at once, no task starts after the abort, running batches finish unheard. */
  signal?: AbortSignal;
  /** Receives task start / finish / error events and the final stats. */
  onProgress?: ProgressCallback;
  /** Show a terminal progress bar if stdout is a TTY and the compute lasts over a second. Default true. */
  progressBar?: boolean;
  /**
   * Serve a live web dashboard of this compute (src/dashboard; its URL is printed once per process). `true`: the
   * process-wide one on port 8787 (or a free port). A ThreadPool made with `dashboard` feeds its own in any case.
   */
  dashboard?: boolean | DashboardOptions;
}

/** Every option of compute (and of the functions that hand options on to it). */
export const COMPUTE_OPTIONS = optionNames<ComputeOptions>({
  scheduler: true,
  signal: true,
  onProgress: true,
  progressBar: true,
  fuse: true,
  maxBatchSize: true,
  targetBatchMs: true,
  dashboard: true,
});

/** Bad options of the schedulers are SchedulerError('BAD_ARGUMENT'). */
export const schedulerOptionsError: OptionsErrorFactory = (message) => new SchedulerError('BAD_ARGUMENT', message);

/** The compute options among `options` (what a function with more options hands to compute). */
export function computeOptionsOf(options: ComputeOptions): ComputeOptions {
  const out: Record<string, unknown> = {};
  for (const key of COMPUTE_OPTIONS) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as ComputeOptions;
}

/**
 * Computes `keys` of `graph`: validates, culls, orders and runs it on the chosen scheduler, then returns the value
 * of a single key, or an array of values for an array of keys (a `[string, number]` pair is one key: to ask for a
 * list holding one pair, write `[['x', 0]]`). Rejects with GraphError (invalid graph), TaskError (a task threw; its
 * dependents did not run), or SchedulerError ABORTED / WORKER_FAILED. Both schedulers give equal results.
 */
export async function compute(
  graph: GraphInput,
  keys: Key | readonly Key[],
  options: ComputeOptions = {},
): Promise<unknown> {
  checkOptions(options, COMPUTE_OPTIONS, 'compute', schedulerOptionsError);
  const single = isKey(keys);
  const list: readonly Key[] = single ? [keys] : keys;
  const values = await computeWithStats(graph, list, options);
  return single ? values.values[0] : values.values;
}

/** Like {@link compute} for a list of keys, also returning the run's {@link ComputeStats}. */
export async function computeWithStats(
  graph: GraphInput,
  keys: readonly Key[],
  options: ComputeOptions = {},
): Promise<{ values: unknown[]; stats: ComputeStats }> {
  checkOptions(options, COMPUTE_OPTIONS, 'computeWithStats', schedulerOptionsError);
  const scheduler = options.scheduler ?? 'threads';
  if (isGraphRunner(scheduler)) return computeRemote(scheduler, graph, keys, options);
  if (scheduler !== 'sync' && scheduler !== 'threads' && !(scheduler instanceof ThreadPool)) {
    throw new SchedulerError('BAD_ARGUMENT', `unknown scheduler ${JSON.stringify(scheduler)}`);
  }
  const prepared = prepareGraph(graph, keys, { fuse: options.fuse });
  await loadGraphOps(prepared.graph);
  const state = new ComputeState(prepared.graph, prepared.priority, prepared.outputs);
  const emit = combine(
    options.onProgress,
    options.progressBar === false ? undefined : terminalProgressBar(),
    await dashboardFeed(options.dashboard, scheduler),
  );
  const started = now();
  emit?.({ type: 'start', tasks: state.size, time: started, ids: state.graph.ids });
  let batches = 0;
  let peakWorkerLiveResults = 0;
  const stats = (): ComputeStats => ({
    scheduler: scheduler === 'sync' ? 'sync' : 'threads',
    tasks: state.size,
    finished: state.finished,
    peakLiveResults: state.peakLiveResults,
    peakWorkerLiveResults,
    batches,
    elapsedMs: now() - started,
  });
  try {
    const context = { signal: options.signal, emit };
    if (scheduler === 'sync') {
      await runSync(state, context);
    } else {
      const pool = scheduler === 'threads' ? sharedThreadPool() : scheduler;
      ({ batches, peakWorkerLiveResults } = await runThreads(state, pool, context, options));
    }
  } catch (err) {
    emit?.({ type: 'end', stats: stats(), error: err as Error });
    throw err;
  }
  const result = { values: state.outputValues(), stats: stats() };
  emit?.({ type: 'end', stats: result.stats });
  return result;
}

// The dashboards this compute feeds: the one asked for in the options and the pool's own (once each).
async function dashboardFeed(
  option: ComputeOptions['dashboard'],
  scheduler: 'sync' | 'threads' | ThreadPool,
): Promise<ProgressCallback | undefined> {
  const asked = dashboardOptions(option);
  const pool = scheduler instanceof ThreadPool ? scheduler : undefined;
  if (!asked && !pool?.dashboard) return undefined;
  const threads = scheduler === 'sync' ? 1 : (pool ?? sharedThreadPool()).threads;
  const sessions = await Promise.all([asked && sharedDashboard(asked), pool?.dashboard]);
  const unique = [...new Set(sessions.filter((s) => s !== undefined))];
  return combine(...unique.map((s) => s.attach({ threads })));
}

function isGraphRunner(s: unknown): s is GraphRunner {
  return typeof s === 'object' && s !== null && typeof (s as Partial<GraphRunner>).runPrepared === 'function';
}

// On a cluster the ops are resolved by the workers, not loaded here; progress reports the outputs as they finish.
async function computeRemote(
  runner: GraphRunner,
  graph: GraphInput,
  keys: readonly Key[],
  options: ComputeOptions,
): Promise<{ values: unknown[]; stats: ComputeStats }> {
  const prepared = prepareGraph(graph, keys, { fuse: options.fuse });
  const emit = combine(options.onProgress, options.progressBar === false ? undefined : terminalProgressBar());
  const started = now();
  const tasks = prepared.graph.ids.length;
  emit?.({ type: 'start', tasks: prepared.outputs.length, time: started });
  let finished = 0;
  const stats = (): ComputeStats => ({
    scheduler: 'distributed',
    tasks,
    finished,
    peakLiveResults: 0,
    peakWorkerLiveResults: 0,
    batches: 1,
    elapsedMs: now() - started,
  });
  try {
    const values = await runner.runPrepared(prepared, {
      signal: options.signal,
      onProgress: (event) => {
        if (event.type === 'task-finish') finished++;
        emit?.(event);
      },
    });
    finished = tasks;
    const result = { values, stats: stats() };
    emit?.({ type: 'end', stats: result.stats });
    return result;
  } catch (err) {
    emit?.({ type: 'end', stats: stats(), error: err as Error });
    throw err;
  }
}

function combine(...callbacks: Array<ProgressCallback | undefined>): ProgressCallback | undefined {
  const present = callbacks.filter((c): c is ProgressCallback => c !== undefined);
  if (present.length <= 1) return present[0];
  return (event: ProgressEvent) => {
    for (const c of present) c(event);
  };
}
