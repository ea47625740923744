/**
 * The cluster scheduler's pure state machine (no I/O): `SchedulerState.handle(event) -> SchedulerAction[]`.
 * See types.ts for the events and actions, and scheduler_state.ts for the class.
 */
export { SchedulerStateError, type SchedulerStateErrorCode } from './errors.js';
export { parseResources } from './resources.js';
export { SchedulerState } from './scheduler_state.js';
export { groupName } from './task.js';
export {
  type ClientId,
  DEFAULT_SCHEDULER_CONFIG,
  type RegisterWorkerMsg,
  type SchedulerAction,
  type SchedulerConfig,
  type SchedulerEvent,
  type SchedulerEventType,
  type TaskInfo,
  type TaskStateName,
  type TransitionRecord,
  type WorkerInfoSnapshot,
} from './types.js';
