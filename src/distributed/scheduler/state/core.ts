/**
 * The scheduler's mutable state, shared by the transition, placement, stealing and failure modules. Only those
 * modules touch it; the outside world sees `SchedulerState` (scheduler_state.ts).
 */
import type { KeyId, WorkerAddress } from '../../protocol/messages.js';
import { Outbox } from './outbox.js';
import { RootQueue } from './queue.js';
import { Story } from './story.js';
import { groupName, isActive, TaskGroup, type TaskState } from './task.js';
import type { ClientId, SchedulerConfig, TaskStateName } from './types.js';
import type { WorkerRecord } from './worker.js';

/** A steal in flight: the victim was asked to give the task back; the thief gets it if the victim agrees. */
export interface Steal {
  readonly victim: WorkerRecord;
  /** Undefined when the task leaves a retiring worker: it is placed anew wherever fits. */
  readonly thief: WorkerRecord | undefined;
  readonly stimulusId: string;
}

/** All the scheduler's state. */
export class Core {
  readonly tasks = new Map<KeyId, TaskState>();
  readonly groups = new Map<string, TaskGroup>();
  readonly workers = new Map<WorkerAddress, WorkerRecord>();
  /** Each client's wanted tasks. */
  readonly clients = new Map<ClientId, Set<TaskState>>();
  readonly queue = new RootQueue();
  readonly noWorker = new Set<TaskState>();
  readonly steals = new Map<TaskState, Steal>();
  /** Modules uploaded by clients, sent to every worker that joins. */
  readonly modules = new Map<string, Uint8Array>();
  readonly outbox = new Outbox();
  readonly story: Story;
  /** Submission generation: bumped by each update-graph, second element of the priority tuple. */
  generation = 0;
  totalThreads = 0;
  /** The current event's time and stimulus id. */
  now = 0;
  stimulusId = '';
  lastStealRound = 0;
  private counter = 0;
  /** Pending recommendations, in two parallel arrays (task, target state). Drained by `runTransitions`. */
  readonly recTasks: TaskState[] = [];
  readonly recTargets: TaskStateName[] = [];

  constructor(readonly config: SchedulerConfig) {
    this.story = new Story(config.storyLength);
  }

  /** A fresh stimulus id for an event that came without one. */
  makeStimulusId(kind: string): string {
    return `${kind}-${++this.counter}`;
  }

  /** The group of `key`, created on first use. */
  group(key: KeyId): TaskGroup {
    const name = groupName(key);
    let g = this.groups.get(name);
    if (g === undefined) {
      g = new TaskGroup(name);
      this.groups.set(name, g);
    }
    return g;
  }

  /** Asks for `task` to move to `state` once the current transition is done. */
  recommend(task: TaskState, state: TaskStateName): void {
    this.recTasks.push(task);
    this.recTargets.push(state);
  }

  /**
   * Sets a task's state, keeping the counters its neighbours rely on: dependencies count active dependents (to
   * know when their result may be dropped), dependents count dependencies not in memory (to know when they are
   * ready). Records the transition.
   */
  setState(task: TaskState, state: TaskStateName): void {
    const old = task.state;
    if (old === state) return;
    const wasActive = isActive(old);
    if (wasActive !== isActive(state)) {
      for (const dep of task.dependencies) {
        if (wasActive) {
          dep.activeDependents--;
          if (!dep.needed && (dep.state === 'memory' || isActive(dep.state))) this.recommend(dep, 'released');
        } else {
          dep.activeDependents++;
        }
      }
    }
    if ((old === 'memory') !== (state === 'memory')) {
      const delta = old === 'memory' ? 1 : -1;
      for (const d of task.dependents) d.missingDeps += delta;
    }
    task.state = state;
    this.story.record(task.key, old, state, this.stimulusId, this.now);
  }

  /** Mean measured bandwidth of the workers, or the configured default. */
  bandwidth(): number {
    let sum = 0;
    let n = 0;
    for (const w of this.workers.values()) {
      if (w.bandwidth > 0) {
        sum += w.bandwidth;
        n++;
      }
    }
    return n > 0 ? sum / n : this.config.defaultBandwidth;
  }

  /** Expected compute time of a task, ms: its group's measured mean, or the configured guess. */
  duration(task: TaskState): number {
    const d = task.group.duration;
    return d >= 0 ? d : this.config.unknownTaskDurationMs;
  }
}
