import type { WorkerMetrics } from '../../distributed/protocol/messages.js';
import type { SchedulerAction, SchedulerEvent } from '../../distributed/scheduler/state/types.js';
import { SeriesRing } from '../series.js';
import { DashboardState, type Delta, type Snapshot } from '../state.js';
import { GraphModel, type GraphNodeState, type GraphView } from './graph.js';
import { LanePacker } from './lanes.js';

/** One row of the workers table (the figures of its latest heartbeat). */
export interface WorkerRow {
  address: string;
  name: string;
  nthreads: number;
  memoryLimit: number;
  resources: Record<string, number>;
  /** The worker's own dashboard (`http://host:port/`), when it serves one. */
  dashboard: string | null;
  status: string;
  /** Resident memory of the process, bytes. */
  memory: number;
  /** Bytes of results held in memory (the worker's accounting). */
  managed: number;
  /** memory - managed: everything else the process holds. */
  unmanaged: number;
  spilled: number;
  /** CPU, percent of one core. */
  cpu: number;
  /** Tasks the scheduler committed to it and not finished yet. */
  processing: number;
  executing: number;
  ready: number;
  inFlight: number;
  /** Tasks it finished since it joined. */
  done: number;
  bandwidth: number;
  eventLoopLagMs: number;
  lastSeen: number;
}

/** Bytes/s from one worker to another, over the receiver's latest heartbeat interval. */
export interface BandwidthPair {
  from: string;
  to: string;
  bytesPerSecond: number;
  time: number;
}

/** Steal requests the scheduler sent, and tasks that did move to another worker. */
export interface StealCounts {
  requested: number;
  moved: number;
}

/** Columns of the cluster's time series (sums over the workers, sampled every flush). */
export const CLUSTER_COLUMNS = [
  'time',
  'memory',
  'managed',
  'spilled',
  'cpu',
  'processing',
  'done',
  'stealsMoved',
  'transferBytesPerSecond',
] as const;
export type ClusterColumn = (typeof CLUSTER_COLUMNS)[number];

interface ClusterExtras {
  readonly workers: WorkerRow[];
  readonly bandwidth: BandwidthPair[];
  readonly steals: StealCounts;
  readonly graphOmitted: number;
}

/** A cluster scheduler's snapshot: the task part of the local one, the cluster's series, and the cluster's extras. */
export type ClusterSnapshot = Omit<Snapshot, 'samples'> &
  ClusterExtras & { samples: Record<ClusterColumn, number[]>; graph: GraphView | null };

/** A cluster delta: workers, bandwidth and steals come whole (small); the graph whole when new, else its changes. */
export type ClusterDelta = Omit<Delta, 'samples'> &
  ClusterExtras & { samples: Record<ClusterColumn, number[]>; graph?: GraphView; graphStates?: number[] };

/** Name of the task-stream rows of transfers and of spills (never a key prefix: prefixes have no brackets). */
export const TRANSFER = '[transfer]';
export const SPILL = '[spill]';

/**
 * The scheduler dashboard's aggregate, fed at the scheduler server's edge with each event and the actions the
 * state machine returned for it (`observe`). O(1) per task mentioned in them: a map lookup per task and a few
 * counters; a heartbeat costs O(peers). It never reads the scheduler's task table: the per-prefix totals of a
 * submission and the graph layout are computed on the dashboard's timer (`takeDelta`/`snapshot`).
 */
export class ClusterDashboardState {
  readonly tasks: DashboardState;
  readonly graph: GraphModel;
  private readonly workers = new Map<string, WorkerRow>();
  private readonly heartbeatAt = new Map<string, number>();
  private readonly inbound = new Map<string, Map<string, BandwidthPair>>();
  private readonly processingOn = new Map<string, string>();
  private readonly packer = new LanePacker();
  private readonly series: SeriesRing<ClusterColumn>;
  private readonly steals: StealCounts = { requested: 0, moved: 0 };
  private samplesSent = 0;
  private seq = 0;
  private extrasDirty = false;
  private outstanding = 0;
  private erredSeen = false;
  private done = 0;

  constructor(options: { maxSamples?: number; maxGraphTasks?: number; maxBars?: number } = {}) {
    this.tasks = new DashboardState({ maxBars: options.maxBars, maxSamples: 2 });
    this.series = new SeriesRing(CLUSTER_COLUMNS, options.maxSamples ?? 1200);
    this.graph = new GraphModel(options.maxGraphTasks ?? 5000);
  }

  /**
   * The events the scheduler handled in one step and the actions the state machine answered with (events first:
   * a task an action commits cannot have finished in the same step).
   */
  observe(events: readonly SchedulerEvent[], actions: readonly SchedulerAction[]): void {
    for (const event of events) this.event(event);
    for (const action of actions) this.action(action);
  }

  private event(event: SchedulerEvent): void {
    switch (event.type) {
      case 'tick':
        break;
      case 'add-worker':
        this.addWorker(event.msg, event.now);
        break;
      case 'remove-worker':
        this.removeWorker(event.worker);
        break;
      case 'worker-message': {
        const msg = event.msg;
        if (msg.op === 'heartbeat') this.heartbeat(event.worker, msg.metrics, event.now);
        else if (msg.op === 'task-finished') this.finished(event.worker, msg.key, msg.nbytes, msg.startstops);
        else if (msg.op === 'task-erred') this.erred(event.worker, msg.key);
        break;
      }
      case 'client-message':
        if (event.msg.op === 'update-graph' && event.msg.tasks.length > 0) {
          this.tasks.runStarted();
          this.tasks.addTotals(event.msg.tasks);
          this.graph.submitted(event.msg.tasks);
          this.outstanding += event.msg.tasks.length;
        }
        break;
    }
  }

  private action(action: SchedulerAction): void {
    if (action.type === 'send-worker') {
      const msg = action.msg;
      if (msg.op === 'compute-tasks') {
        for (const task of msg.tasks) this.committed(action.worker, task.key);
      } else if (msg.op === 'steal-request') {
        this.steals.requested++;
        this.extrasDirty = true;
      }
    } else if (action.type === 'close-worker') this.removeWorker(action.worker);
  }

  /** Samples the cluster's totals (the server calls it every flush). O(workers). */
  sample(time: number): void {
    let memory = 0;
    let managed = 0;
    let spilled = 0;
    let cpu = 0;
    let processing = 0;
    for (const w of this.workers.values()) {
      memory += w.memory;
      managed += w.managed;
      spilled += w.spilled;
      cpu += w.cpu;
      processing += w.processing;
    }
    let transfer = 0;
    for (const pairs of this.inbound.values()) for (const p of pairs.values()) transfer += p.bytesPerSecond;
    this.series.push([time, memory, managed, spilled, cpu, processing, this.done, this.steals.moved, transfer]);
  }

  /** The workers table. */
  workerRows(): WorkerRow[] {
    return [...this.workers.values()].map((w) => ({ ...w, resources: { ...w.resources } }));
  }

  /** Bytes/s between each pair of workers that exchanged data. */
  bandwidth(): BandwidthPair[] {
    const out: BandwidthPair[] = [];
    for (const pairs of this.inbound.values()) for (const p of pairs.values()) out.push({ ...p });
    return out;
  }

  /** Steal counters. */
  stealCounts(): StealCounts {
    return { ...this.steals };
  }

  /** The cluster's time series, columnar. */
  samples(): Record<ClusterColumn, number[]> {
    return this.series.since(0);
  }

  /** Everything a page needs to draw from scratch. */
  snapshot(time: number): ClusterSnapshot {
    const { samples: _samples, ...base } = this.tasks.snapshot(time);
    return {
      ...base,
      seq: this.seq,
      samples: this.series.since(0),
      ...this.extras(),
      graph: this.graph.current() ?? null,
    };
  }

  /** Changes since the previous call (undefined when none). */
  takeDelta(time: number): ClusterDelta | undefined {
    const base = this.tasks.takeDelta(time);
    const graph = this.graph.take();
    const newSamples = this.series.pushed > this.samplesSent;
    if (base === undefined && !newSamples && !this.extrasDirty && graph.graph === undefined && !graph.graphStates) {
      return undefined;
    }
    this.seq++;
    const samples = this.series.since(this.samplesSent);
    this.samplesSent = this.series.pushed;
    this.extrasDirty = false;
    const tasks = base ?? emptyDelta(time, this.tasks.current().runs);
    const { samples: _s, ...rest } = tasks;
    return { ...rest, seq: this.seq, samples, ...this.extras(), ...graph };
  }

  private extras(): ClusterExtras {
    return {
      workers: this.workerRows(),
      bandwidth: this.bandwidth(),
      steals: this.stealCounts(),
      graphOmitted: this.graph.omitted,
    };
  }

  private addWorker(
    msg: {
      address: string;
      name: string;
      nthreads: number;
      memoryLimit: number;
      resources: Readonly<Record<string, number>>;
      dashboardAddress?: string;
    },
    now: number,
  ): void {
    this.workers.set(msg.address, {
      address: msg.address,
      name: msg.name,
      nthreads: msg.nthreads,
      memoryLimit: msg.memoryLimit,
      resources: { ...msg.resources },
      dashboard: msg.dashboardAddress ?? null,
      status: 'running',
      memory: 0,
      managed: 0,
      unmanaged: 0,
      spilled: 0,
      cpu: 0,
      processing: 0,
      executing: 0,
      ready: 0,
      inFlight: 0,
      done: 0,
      bandwidth: 0,
      eventLoopLagMs: 0,
      lastSeen: now,
    });
    this.heartbeatAt.set(msg.address, now);
    this.packer.setThreads(msg.address, msg.nthreads);
    this.extrasDirty = true;
  }

  private removeWorker(address: string): void {
    if (!this.workers.delete(address)) return;
    this.heartbeatAt.delete(address);
    this.inbound.delete(address);
    for (const pairs of this.inbound.values()) pairs.delete(address);
    this.extrasDirty = true;
  }

  private heartbeat(address: string, m: WorkerMetrics, now: number): void {
    const w = this.workers.get(address);
    if (w === undefined) return;
    const last = this.heartbeatAt.get(address) ?? now;
    const dt = Math.max(1, now - last);
    this.heartbeatAt.set(address, now);
    const spilledBefore = w.spilled;
    w.memory = m.memory;
    w.managed = m.managedBytes;
    w.unmanaged = Math.max(0, m.memory - m.managedBytes);
    w.spilled = m.spilledBytes;
    w.cpu = m.cpu;
    w.executing = m.executing;
    w.ready = m.ready;
    w.inFlight = m.inFlight;
    w.bandwidth = m.bandwidth;
    w.eventLoopLagMs = m.eventLoopLagMs;
    w.status = m.status;
    w.lastSeen = now;
    this.extrasDirty = true;
    // Bytes received from each peer over the interval; pairs seen before and silent now drop to 0.
    let pairs = this.inbound.get(address);
    let received = 0;
    for (const from in m.transfers) {
      const bytesIn = m.transfers[from]!.bytesIn;
      if (bytesIn <= 0) continue;
      received += bytesIn;
      pairs ??= new Map();
      this.inbound.set(address, pairs);
      pairs.set(from, { from, to: address, bytesPerSecond: (bytesIn * 1000) / dt, time: now });
    }
    if (pairs) {
      for (const p of pairs.values()) {
        if (p.time !== now) {
          p.bytesPerSecond = 0;
          p.time = now;
        }
      }
    }
    // Transfers and spills are drawn on the worker's lane after its threads, over the heartbeat interval (the
    // resolution the scheduler sees them at).
    const io = this.packer.threads(address);
    if (received > 0) this.tasks.interval(address, io, TRANSFER, last, now);
    if (m.spilledBytes > spilledBefore) this.tasks.interval(address, io, SPILL, last, now);
  }

  private committed(worker: string, key: string): void {
    const before = this.processingOn.get(key);
    if (before === worker) return;
    this.processingOn.set(key, worker);
    if (before === undefined) {
      this.tasks.idStarted(key);
    } else {
      // Committed elsewhere before: stolen (or rescheduled off a dead worker, whose row is gone).
      const victim = this.workers.get(before);
      if (victim) {
        if (victim.processing > 0) victim.processing--;
        this.steals.moved++;
      }
    }
    const w = this.workers.get(worker);
    if (w) w.processing++;
    this.graph.set(key, 'processing');
    this.extrasDirty = true;
  }

  private release(worker: string, key: string): void {
    const on = this.processingOn.get(key);
    if (on !== undefined) this.processingOn.delete(key);
    const w = this.workers.get(on ?? worker);
    if (w && w.processing > 0) w.processing--;
  }

  private finished(
    worker: string,
    key: string,
    nbytes: number,
    startstops: readonly { action: string; start: number; stop: number }[],
  ): void {
    this.release(worker, key);
    let start = 0;
    let stop = 0;
    for (const s of startstops) {
      if (s.action === 'compute') {
        start = s.start;
        stop = s.stop;
      }
    }
    if (stop === 0) stop = start = Date.now();
    const thread = this.packer.place(worker, start, stop);
    this.tasks.idFinished(key, worker, thread, start, stop, nbytes);
    const w = this.workers.get(worker);
    if (w) w.done++;
    this.done++;
    this.graph.set(key, 'memory');
    this.settled();
  }

  private erred(worker: string, key: string): void {
    this.release(worker, key);
    this.tasks.idErred(key);
    this.erredSeen = true;
    this.graph.set(key, 'erred');
    this.settled();
  }

  // Every task submitted so far came back: the runs are over (the next submission starts a fresh progress table).
  private settled(): void {
    if (--this.outstanding > 0) return;
    this.outstanding = 0;
    this.tasks.runsEnded(this.erredSeen);
    this.erredSeen = false;
  }
}

/** A delta with no task changes (the cluster's extras changed alone). */
export function emptyDelta(time: number, runs: Delta['runs']): Delta {
  return {
    kind: 'delta',
    seq: 0,
    time,
    runs,
    lanesFrom: 0,
    lanes: [],
    prefixes: [],
    bars: { lane: [], prefix: [], start: [], end: [], count: [] },
    samples: {} as Delta['samples'],
  };
}

export type { GraphNodeState };
