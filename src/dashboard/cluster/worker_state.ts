import type { WorkerMetrics } from '../../distributed/protocol/messages.js';
import type { WorkerEvent, WorkerInstruction } from '../../distributed/worker/state/types.js';
import { SeriesRing } from '../series.js';
import { DashboardState, type Delta, type Snapshot } from '../state.js';
import { LanePacker } from './lanes.js';
import { emptyDelta, TRANSFER } from './scheduler_state.js';

/** Columns of a worker's system series (one row per heartbeat). */
export const WORKER_COLUMNS = [
  'time',
  'cpu',
  'memory',
  'managed',
  'spilled',
  'netInBytesPerSecond',
  'netOutBytesPerSecond',
  'eventLoopLagMs',
  'executing',
  'ready',
  'inFlight',
] as const;
export type WorkerColumn = (typeof WORKER_COLUMNS)[number];

/** Data exchanged with one peer. */
export interface PeerTransfer {
  peer: string;
  /** Over the latest heartbeat interval. */
  inBytesPerSecond: number;
  outBytesPerSecond: number;
  /** Since the worker started. */
  totalIn: number;
  totalOut: number;
}

/** A task running on a thread now. */
export interface ExecutingTask {
  key: string;
  since: number;
}

interface WorkerExtras {
  readonly worker: { address: string; name: string; nthreads: number; status: string };
  readonly executing: ExecutingTask[];
  readonly counts: { executing: number; ready: number; inFlight: number };
  readonly transfers: PeerTransfer[];
}

/** A worker page's snapshot: the task part of the local one, the worker's series and extras. */
export type WorkerSnapshot = Omit<Snapshot, 'samples'> & WorkerExtras & { samples: Record<WorkerColumn, number[]> };
/** A worker page's delta (extras come whole: they are small). */
export type WorkerDelta = Omit<Delta, 'samples'> & WorkerExtras & { samples: Record<WorkerColumn, number[]> };

// Tasks listed as executing on the page (the counts are exact; the list is the oldest ones).
const MAX_LISTED = 100;

/**
 * A worker dashboard's aggregate, fed at the worker's edge with its state machine's events and instructions and
 * with each heartbeat's metrics. O(1) per task mentioned; a heartbeat costs O(peers). Tasks received count toward
 * their prefix's total (the O(n) pass deferred to the next flush), handed to a thread count as running, and
 * finished ones are drawn on the thread lanes; fetches from peers are drawn on the lane after the threads.
 */
export class WorkerDashboardState {
  readonly tasks: DashboardState;
  private readonly series: SeriesRing<WorkerColumn>;
  private readonly packer = new LanePacker();
  private readonly executingSince = new Map<string, number>();
  private readonly gathers = new Map<string, number>();
  private readonly peers = new Map<string, PeerTransfer>();
  private lastHeartbeat = 0;
  private counts = { executing: 0, ready: 0, inFlight: 0 };
  private status = 'running';
  private samplesSent = 0;
  private seq = 0;
  private dirty = false;
  address = '';

  constructor(
    readonly name: string,
    readonly nthreads: number,
    options: { maxSamples?: number; maxBars?: number } = {},
  ) {
    this.tasks = new DashboardState({ maxBars: options.maxBars, maxSamples: 2 });
    this.series = new SeriesRing(WORKER_COLUMNS, options.maxSamples ?? 1200);
    this.packer.setThreads('', nthreads);
  }

  /** An event of the worker's state machine (`now`: epoch ms). */
  event(event: WorkerEvent, now: number): void {
    switch (event.type) {
      case 'compute-tasks':
        this.tasks.addTotals(event.tasks);
        break;
      case 'execute-success': {
        let start = now;
        let stop = now;
        for (const s of event.startstops) {
          if (s.action === 'compute') {
            start = s.start;
            stop = s.stop;
          }
        }
        this.executingSince.delete(event.key);
        this.tasks.idFinished(event.key, '', this.packer.place('', start, stop), start, stop, event.nbytes);
        this.dirty = true;
        break;
      }
      case 'execute-failure':
        this.executingSince.delete(event.key);
        this.tasks.idErred(event.key);
        this.dirty = true;
        break;
      case 'gather-dep-success': {
        const since = this.gathers.get(event.worker) ?? now;
        this.gathers.delete(event.worker);
        this.tasks.interval('', this.nthreads, TRANSFER, since, now);
        let bytes = 0;
        for (const k in event.nbytes) bytes += event.nbytes[k]!;
        this.peer(event.worker).totalIn += bytes;
        break;
      }
      case 'gather-dep-busy':
      case 'gather-dep-failure':
        this.gathers.delete(event.worker);
        break;
      default:
        break;
    }
  }

  /** An instruction of the worker's state machine. */
  instruction(ins: WorkerInstruction, now: number): void {
    if (ins.type === 'execute') {
      for (const task of ins.tasks) {
        this.executingSince.set(task.key, now);
        this.tasks.idStarted(task.key);
      }
      this.dirty = true;
    } else if (ins.type === 'gather-dep') {
      this.gathers.set(ins.worker, now);
    }
  }

  /** The metrics a heartbeat carried: one row of the system series. O(peers). */
  heartbeat(m: WorkerMetrics, now: number): void {
    const dt = this.lastHeartbeat === 0 ? 0 : Math.max(1, now - this.lastHeartbeat);
    this.lastHeartbeat = now;
    let bytesIn = 0;
    let bytesOut = 0;
    for (const p of this.peers.values()) p.inBytesPerSecond = p.outBytesPerSecond = 0;
    for (const peer in m.transfers) {
      const t = m.transfers[peer]!;
      bytesIn += t.bytesIn;
      bytesOut += t.bytesOut;
      const p = this.peer(peer);
      p.totalOut += t.bytesOut;
      if (dt > 0) {
        p.inBytesPerSecond = (t.bytesIn * 1000) / dt;
        p.outBytesPerSecond = (t.bytesOut * 1000) / dt;
      }
    }
    const rate = (bytes: number): number => (dt > 0 ? (bytes * 1000) / dt : 0);
    this.series.push([
      now,
      m.cpu,
      m.memory,
      m.managedBytes,
      m.spilledBytes,
      rate(bytesIn),
      rate(bytesOut),
      m.eventLoopLagMs,
      m.executing,
      m.ready,
      m.inFlight,
    ]);
    this.counts = { executing: m.executing, ready: m.ready, inFlight: m.inFlight };
    this.status = m.status;
    this.dirty = true;
  }

  /** The worker's system series, columnar. */
  samples(): Record<WorkerColumn, number[]> {
    return this.series.since(0);
  }

  /** Per peer: bytes/s in and out over the latest heartbeat interval, and totals. */
  transfers(): PeerTransfer[] {
    return [...this.peers.values()].map((p) => ({ ...p }));
  }

  /** Tasks on a thread now (at most 100, the oldest first) and the heartbeat's counts. */
  executing(): { counts: { executing: number; ready: number; inFlight: number }; tasks: ExecutingTask[] } {
    const tasks: ExecutingTask[] = [];
    for (const [key, since] of this.executingSince) {
      if (tasks.length >= MAX_LISTED) break;
      tasks.push({ key, since });
    }
    return { counts: { ...this.counts }, tasks };
  }

  /** Everything a page needs to draw from scratch. */
  snapshot(time: number): WorkerSnapshot {
    const { samples: _s, ...base } = this.tasks.snapshot(time);
    return { ...base, seq: this.seq, samples: this.series.since(0), ...this.extras() };
  }

  /** Changes since the previous call (undefined when none). */
  takeDelta(time: number): WorkerDelta | undefined {
    const base = this.tasks.takeDelta(time);
    if (base === undefined && !this.dirty && this.series.pushed === this.samplesSent) return undefined;
    this.seq++;
    this.dirty = false;
    const samples = this.series.since(this.samplesSent);
    this.samplesSent = this.series.pushed;
    const { samples: _s, ...rest } = base ?? emptyDelta(time, this.tasks.current().runs);
    return { ...rest, seq: this.seq, samples, ...this.extras() };
  }

  private extras(): WorkerExtras {
    const { counts, tasks } = this.executing();
    return {
      worker: { address: this.address, name: this.name, nthreads: this.nthreads, status: this.status },
      executing: tasks,
      counts,
      transfers: this.transfers(),
    };
  }

  private peer(address: string): PeerTransfer {
    let p = this.peers.get(address);
    if (p === undefined) {
      p = { peer: address, inBytesPerSecond: 0, outBytesPerSecond: 0, totalIn: 0, totalOut: 0 };
      this.peers.set(address, p);
    }
    return p;
  }
}
