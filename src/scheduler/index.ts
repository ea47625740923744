// Local schedulers: sync (this thread) and threads (a Piscina pool), the compute entry point, and delayed.
export { type ComputeOptions, compute, computeWithStats } from './compute.js';
export {
  closeSharedDashboards,
  type DashboardOptions,
  type DashboardProvider,
  type DashboardRun,
  type DashboardSession,
  setDashboardProvider,
} from './dashboard_hook.js';
export { computeDelayed, Delayed, type DelayedArgs, delayed, delayedGraph } from './delayed.js';
export {
  ComputeAbortedError,
  type RemoteErrorInfo,
  SchedulerError,
  type SchedulerErrorCode,
  TaskError,
} from './errors.js';
export { closeSharedThreadPool, sharedThreadPool, ThreadPool, type ThreadPoolOptions } from './pool.js';
export { loadGraphOps, type PreparedGraph, type PrepareOptions, prepareGraph } from './prepare.js';
export { type ComputeStats, type ProgressCallback, type ProgressEvent, terminalProgressBar } from './progress.js';
export { isShared, sharedArray, type TypedArrayConstructor } from './shared_memory.js';
export { estimateBytes } from './size.js';
export { ComputeState, TaskState, type TaskStateValue } from './state.js';
export type { ThreadsOptions } from './threads.js';
