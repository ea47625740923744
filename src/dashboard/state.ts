import type { Key } from '../graph/keys.js';
import type { ProgressEvent } from '../scheduler/progress.js';
import { idPrefix, namePrefix } from './key_prefix.js';
import { SeriesRing } from './series.js';

/** One lane of the task stream: a thread of a worker (`worker` is '' on the local scheduler). */
export interface LaneInfo {
  readonly worker: string;
  readonly thread: number;
}

/** Task counts of one prefix (see keyPrefix). `bytes`: estimated bytes of the results its tasks returned. */
export interface PrefixCounts {
  readonly index: number;
  readonly name: string;
  readonly total: number;
  readonly waiting: number;
  readonly running: number;
  readonly done: number;
  readonly erred: number;
  readonly bytes: number;
}

/** Counts of computes seen. */
export interface RunCounts {
  readonly active: number;
  readonly started: number;
  readonly finished: number;
  readonly failed: number;
}

/** Bars of the task stream, columnar: bar i runs on lanes[lane[i]], prefix prefixes[prefix[i]], `count[i]` tasks. */
export interface BarColumns {
  lane: number[];
  prefix: number[];
  start: number[];
  end: number[];
  count: number[];
}

/** Process figures measured at one instant (the server's sampler measures them; the state only stores them). */
export interface SystemSample {
  readonly time: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** CPU time of the whole process (every thread) over the last interval, percent of one core. */
  readonly cpuPercent: number;
}

/** Columns of the time series, one row per sample (every flush of the server). */
export const SAMPLE_COLUMNS = [
  'time',
  'liveResults',
  'liveBytes',
  'rssBytes',
  'heapUsedBytes',
  'cpuPercent',
  'done',
] as const;
export type SampleColumn = (typeof SAMPLE_COLUMNS)[number];

/** Everything a page needs to draw from scratch. `seq` numbers the delta it is up to date with. */
export interface Snapshot {
  readonly kind: 'snapshot';
  readonly seq: number;
  readonly time: number;
  readonly runs: RunCounts;
  readonly lanes: LaneInfo[];
  readonly prefixes: PrefixCounts[];
  readonly bars: BarColumns;
  readonly samples: Record<SampleColumn, number[]>;
}

/** What changed since the previous delta: new lanes (appended from `lanesFrom`), changed prefixes, new bars and samples. */
export interface Delta {
  readonly kind: 'delta';
  readonly seq: number;
  readonly time: number;
  readonly runs: RunCounts;
  readonly lanesFrom: number;
  readonly lanes: LaneInfo[];
  readonly prefixes: PrefixCounts[];
  readonly bars: BarColumns;
  readonly samples: Record<SampleColumn, number[]>;
}

/** Sizes of a {@link DashboardState}. */
export interface DashboardStateOptions {
  /** Task-stream bars kept (the snapshot's history). Default 10,000. */
  maxBars?: number;
  /** Samples kept per series. Default 1,200 (3 minutes at 150 ms). */
  maxSamples?: number;
  /** Tasks shorter than this (ms) that follow each other on a lane within `mergeGapMs` share one bar. Default 1. */
  mergeBelowMs?: number;
  /** See `mergeBelowMs`. Default 0.5. */
  mergeGapMs?: number;
}

interface Prefix {
  index: number;
  name: string;
  total: number;
  running: number;
  done: number;
  erred: number;
  bytes: number;
  dirty: boolean;
}

/**
 * The dashboard's aggregate of scheduler progress events: counts per task prefix, the task stream (bars per lane)
 * and time series. Pure (no I/O, no timers): `apply` costs O(1) per event and never looks at the graph; the O(n)
 * count of a run's tasks per prefix (from the `start` event's ids) is deferred to the next `snapshot`/`takeDelta`,
 * which the server calls on its timer, off the scheduler's path. A cluster scheduler feeds the same events with a
 * worker id, which keys the lanes.
 */
export class DashboardState {
  private readonly prefixes: Prefix[] = [];
  private readonly byName = new Map<string, Prefix>();
  private readonly dirty: Prefix[] = [];
  private readonly lanes: LaneInfo[] = [];
  private readonly laneIndex = new Map<string, Map<number, number>>();
  private lanesSent = 0;
  // Task-stream bars in a ring; `barSeq` numbers them, bars below `barsSent` have gone out in a delta.
  private readonly maxBars: number;
  private readonly barLane: Int32Array;
  private readonly barPrefix: Int32Array;
  private readonly barStart: Float64Array;
  private readonly barEnd: Float64Array;
  private readonly barCount: Int32Array;
  private barSeq = 0;
  private barsSent = 0;
  // Per lane: the bar still open to merging (sequence number, -1 none), and whether it holds only short tasks.
  private openBar: number[] = [];
  private readonly mergeBelowMs: number;
  private readonly mergeGapMs: number;
  private readonly series: SeriesRing<SampleColumn>;
  private samplesSent = 0;
  private pendingIds: Array<readonly (string | { readonly key: string })[]> = [];
  private runs = { active: 0, started: 0, finished: 0, failed: 0 };
  private liveResults = 0;
  private liveBytes = 0;
  private doneTotal = 0;
  private seq = 0;
  // The prefix of the last key seen: keys of one operation come in runs ('inc-1', 'inc-2'...), and recognising
  // `<last prefix>-<digits>` skips slicing the key and a map lookup.
  private last: Prefix | undefined;
  private lastLane = -1;

  constructor(options: DashboardStateOptions = {}) {
    this.maxBars = options.maxBars ?? 10_000;
    this.barLane = new Int32Array(this.maxBars);
    this.barPrefix = new Int32Array(this.maxBars);
    this.barStart = new Float64Array(this.maxBars);
    this.barEnd = new Float64Array(this.maxBars);
    this.barCount = new Int32Array(this.maxBars);
    this.mergeBelowMs = options.mergeBelowMs ?? 1;
    this.mergeGapMs = options.mergeGapMs ?? 0.5;
    this.series = new SeriesRing(SAMPLE_COLUMNS, options.maxSamples ?? 1200);
  }

  /** Takes one scheduler event; `worker` names the worker that ran it ('' locally). O(1). */
  apply(event: ProgressEvent, worker = ''): void {
    switch (event.type) {
      case 'start':
        if (this.runs.active === 0) this.resetCounts();
        this.runs.active++;
        this.runs.started++;
        if (event.ids) this.pendingIds.push(event.ids);
        break;
      case 'task-start': {
        const p = this.keyPrefix(event.key);
        p.running++;
        this.touch(p);
        break;
      }
      case 'task-finish': {
        const p = this.keyPrefix(event.key);
        if (p.running > 0) p.running--;
        p.done++;
        p.bytes += event.bytes;
        this.doneTotal++;
        this.touch(p);
        if (event.liveResults !== undefined) this.liveResults = event.liveResults;
        if (event.liveBytes !== undefined) this.liveBytes = event.liveBytes;
        this.addBar(this.lane(worker, event.thread), p.index, event.start, event.end);
        break;
      }
      case 'task-error': {
        const p = this.keyPrefix(event.key);
        if (p.running > 0) p.running--;
        p.erred++;
        this.touch(p);
        break;
      }
      case 'end':
        this.runs.active = Math.max(0, this.runs.active - 1);
        this.runs.finished++;
        if (event.error) this.runs.failed++;
        if (this.runs.active === 0) this.settle();
        break;
    }
  }

  /**
   * Counts `tasks` (ids, or objects with a `key` id) toward their prefixes' totals, later: the O(n) pass is left
   * to the next flush, as for a run's `start`. The cluster's update-graph and a worker's compute-tasks use it.
   */
  addTotals(tasks: readonly (string | { readonly key: string })[]): void {
    if (tasks.length > 0) this.pendingIds.push(tasks);
  }

  /** A run starts (cluster: an update-graph): a fresh progress table after an idle spell. O(1). */
  runStarted(): void {
    if (this.runs.active === 0) this.resetCounts();
    this.runs.active++;
    this.runs.started++;
  }

  /** Every active run ended (cluster: all tasks submitted so far are done or erred). */
  runsEnded(failed: boolean): void {
    if (this.runs.active === 0) return;
    this.runs.finished += this.runs.active;
    if (failed) this.runs.failed++;
    this.runs.active = 0;
    this.settle();
  }

  /** Task `id` (a canonical key id) was handed to a worker or a thread. O(1). */
  idStarted(id: string): void {
    const p = this.idPrefix(id);
    p.running++;
    this.touch(p);
  }

  /** Task `id` finished on (worker, thread) between `start` and `end` (epoch ms), returning `bytes`. O(1). */
  idFinished(id: string, worker: string, thread: number, start: number, end: number, bytes: number): void {
    const p = this.idPrefix(id);
    if (p.running > 0) p.running--;
    p.done++;
    p.bytes += bytes;
    this.doneTotal++;
    this.touch(p);
    this.addBar(this.lane(worker, thread), p.index, start, end);
  }

  /** Task `id` erred. O(1). */
  idErred(id: string): void {
    const p = this.idPrefix(id);
    if (p.running > 0) p.running--;
    p.erred++;
    this.touch(p);
  }

  /** Task `id` left a worker without finishing (stolen, rescheduled, its worker died). O(1). */
  idStopped(id: string): void {
    const p = this.idPrefix(id);
    if (p.running > 0) p.running--;
    this.touch(p);
  }

  /**
   * A bar on the task stream that is not a task (a transfer, a spill to disk): drawn with a prefix row `name`
   * that no progress row counts. O(1).
   */
  interval(worker: string, thread: number, name: string, start: number, end: number): void {
    this.addBar(this.lane(worker, thread), this.prefix(name).index, start, end);
  }

  /** Lanes known so far (a cluster dashboard reads how many lanes a worker has). */
  laneCount(): number {
    return this.lanes.length;
  }

  /** Records process figures (with the current live results and tasks done) as one sample of the time series. */
  sample(system: SystemSample): void {
    this.series.push([
      system.time,
      this.liveResults,
      this.liveBytes,
      system.rssBytes,
      system.heapUsedBytes,
      system.cpuPercent,
      this.doneTotal,
    ]);
  }

  /** Counts per prefix (cheap: no bars, no samples). */
  progress(): PrefixCounts[] {
    this.countPendingIds();
    return this.prefixes.map((p) => this.counts(p));
  }

  /** Current figures: runs, results held and their bytes, tasks finished since the dashboard started. */
  current(): { runs: RunCounts; liveResults: number; liveBytes: number; done: number } {
    return { runs: { ...this.runs }, liveResults: this.liveResults, liveBytes: this.liveBytes, done: this.doneTotal };
  }

  /** The whole state (bars and samples still held), as of the last delta plus anything pending. */
  snapshot(time: number): Snapshot {
    this.countPendingIds();
    return {
      kind: 'snapshot',
      seq: this.seq,
      time,
      runs: { ...this.runs },
      lanes: [...this.lanes],
      prefixes: this.prefixes.map((p) => this.counts(p)),
      bars: this.bars(0),
      samples: this.series.since(0),
    };
  }

  /**
   * What changed since the previous call, or undefined when nothing did. Bars it returns are closed: later tasks
   * no longer merge into them, so a client can append deltas without ever revising a bar.
   */
  takeDelta(time: number): Delta | undefined {
    this.countPendingIds();
    const changed =
      this.dirty.length > 0 ||
      this.barSeq > this.barsSent ||
      this.series.pushed > this.samplesSent ||
      this.lanes.length > this.lanesSent;
    if (!changed) return undefined;
    this.seq++;
    const delta: Delta = {
      kind: 'delta',
      seq: this.seq,
      time,
      runs: { ...this.runs },
      lanesFrom: this.lanesSent,
      lanes: this.lanes.slice(this.lanesSent),
      prefixes: this.dirty.map((p) => this.counts(p)),
      bars: this.bars(this.barsSent),
      samples: this.series.since(this.samplesSent),
    };
    for (const p of this.dirty) p.dirty = false;
    this.dirty.length = 0;
    this.lanesSent = this.lanes.length;
    this.barsSent = this.barSeq;
    this.samplesSent = this.series.pushed;
    for (let l = 0; l < this.openBar.length; l++) this.openBar[l] = -1;
    return delta;
  }

  private keyPrefix(key: Key): Prefix {
    const name = typeof key === 'string' ? key : key[0];
    const last = this.last;
    if (last !== undefined && (name === last.name || sameGroup(name, last.name))) return last;
    this.last = this.prefix(namePrefix(name));
    return this.last;
  }

  private idPrefix(id: string): Prefix {
    const last = this.last;
    if (last !== undefined && sameGroup(id, last.name)) return last;
    this.last = this.prefix(idPrefix(id));
    return this.last;
  }

  private prefix(name: string): Prefix {
    let p = this.byName.get(name);
    if (p === undefined) {
      p = { index: this.prefixes.length, name, total: 0, running: 0, done: 0, erred: 0, bytes: 0, dirty: false };
      this.prefixes.push(p);
      this.byName.set(name, p);
      // Pages learn a prefix's name from a delta's prefixes: a bar may refer to it before any count changes.
      this.touch(p);
    }
    return p;
  }

  private touch(p: Prefix): void {
    if (!p.dirty) {
      p.dirty = true;
      this.dirty.push(p);
    }
  }

  private lane(worker: string, thread: number): number {
    const cached = this.lastLane;
    if (cached >= 0 && this.lanes[cached]!.thread === thread && this.lanes[cached]!.worker === worker) return cached;
    this.lastLane = this.findLane(worker, thread);
    return this.lastLane;
  }

  private findLane(worker: string, thread: number): number {
    let threads = this.laneIndex.get(worker);
    if (threads === undefined) {
      threads = new Map();
      this.laneIndex.set(worker, threads);
    }
    let index = threads.get(thread);
    if (index === undefined) {
      index = this.lanes.length;
      this.lanes.push({ worker, thread });
      this.openBar.push(-1);
      threads.set(thread, index);
    }
    return index;
  }

  private addBar(lane: number, prefix: number, start: number, end: number): void {
    const open = this.openBar[lane]!;
    if (open >= this.barsSent && open > this.barSeq - this.maxBars && end - start < this.mergeBelowMs) {
      const slot = open % this.maxBars;
      const gap = start - this.barEnd[slot]!;
      if (this.barPrefix[slot] === prefix && gap <= this.mergeGapMs && gap >= -this.mergeGapMs) {
        if (end > this.barEnd[slot]!) this.barEnd[slot] = end;
        this.barCount[slot]!++;
        return;
      }
    }
    const slot = this.barSeq % this.maxBars;
    this.barLane[slot] = lane;
    this.barPrefix[slot] = prefix;
    this.barStart[slot] = start;
    this.barEnd[slot] = end;
    this.barCount[slot] = 1;
    this.openBar[lane] = end - start < this.mergeBelowMs ? this.barSeq : -1;
    this.barSeq++;
  }

  private bars(fromSeq: number): BarColumns {
    const from = Math.max(fromSeq, this.barSeq - this.maxBars);
    const out: BarColumns = { lane: [], prefix: [], start: [], end: [], count: [] };
    for (let s = from; s < this.barSeq; s++) {
      const slot = s % this.maxBars;
      out.lane.push(this.barLane[slot]!);
      out.prefix.push(this.barPrefix[slot]!);
      out.start.push(this.barStart[slot]!);
      out.end.push(this.barEnd[slot]!);
      out.count.push(this.barCount[slot]!);
    }
    return out;
  }

  private counts(p: Prefix): PrefixCounts {
    const seen = p.running + p.done + p.erred;
    const total = Math.max(p.total, seen);
    const { index, name, running, done, erred, bytes } = p;
    return { index, name, total, waiting: total - seen, running, done, erred, bytes };
  }

  // The per-prefix totals of started runs: one pass over their ids, done when a page is about to be updated.
  private countPendingIds(): void {
    if (this.pendingIds.length === 0) return;
    for (const ids of this.pendingIds) {
      for (const item of ids) {
        const p = this.idPrefix(typeof item === 'string' ? item : item.key);
        p.total++;
        this.touch(p);
      }
    }
    this.pendingIds = [];
  }

  // A new run after an idle spell starts a fresh progress table (prefix names and indexes stay: bars refer to them).
  private resetCounts(): void {
    this.pendingIds = [];
    for (const p of this.prefixes) {
      p.total = p.running = p.done = p.erred = p.bytes = 0;
      this.touch(p);
    }
  }

  // No run is active: tasks still counted as running never will (an error or abort stopped their run).
  // (Uncounted ids stay pending: the next flush counts them, not the compute's own `end`.)
  private settle(): void {
    for (const p of this.prefixes) {
      if (p.running > 0) {
        p.running = 0;
        this.touch(p);
      }
    }
    this.liveResults = 0;
    this.liveBytes = 0;
  }
}

// True when `name`'s prefix (see namePrefix) is `prefix`, known without computing it: `name` is `prefix-<word>...`
// where <word> is not made of letters only (`inc-17`, `inc-3f9a...`: the cluster's keys are `<name>-<hash>`), so
// the word rule stops right after `prefix` (and a trailing DataFrame layer token, if any, only removes words after
// it). Keys of one operation come in runs: this skips slicing the key and a map lookup.
function sameGroup(name: string, prefix: string): boolean {
  const n = prefix.length;
  if (name.length <= n || name.charCodeAt(n) !== 45 /* - */ || !name.startsWith(prefix)) return false;
  const end = name.indexOf('-', n + 1);
  const to = end < 0 ? name.length : end;
  if (to === n + 1) return true;
  for (let i = n + 1; i < to; i++) {
    const c = name.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return true;
  }
  return false;
}
