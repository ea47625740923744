export { comparePriority, PriorityHeap } from './heap.js';
export type {
  ExecuteTask,
  TaskView,
  Transition,
  WorkerEvent,
  WorkerInstruction,
  WorkerStateOptions,
  WorkerStatus,
  WorkerTaskState,
} from './types.js';
export { WorkerState } from './worker_state.js';
