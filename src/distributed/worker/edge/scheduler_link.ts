/**
 * The worker's connection to the scheduler: connect and register, reconnect with back-off after a lost
 * connection, and notice a scheduler that went silent.
 *
 * The scheduler answers every heartbeat (`heartbeat-ack`), so a live scheduler is heard from at least once per
 * heartbeat period. A scheduler not heard from for `silenceMs` (stopped, hung, or behind a link that drops packets
 * without closing the socket) is treated like a closed connection: the link is logged, dropped and reconnected.
 * With `deathTimeoutMs` (dask's `death-timeout`), a worker whose scheduler has not been heard from for that long,
 * connected or not, gives up and stops; without it the worker keeps trying to reconnect.
 */
import { type Comm, type CommLogger, type CommOptions, connect } from '../../comm/index.js';
import type { SchedulerToWorker, WorkerToScheduler } from '../../protocol/messages.js';

/** Options of {@link SchedulerLink}. */
export interface SchedulerLinkOptions {
  /** The scheduler's address. */
  readonly scheduler: string;
  /** This worker's name, for the handshake. */
  readonly name: string;
  readonly comm: CommOptions;
  readonly log: CommLogger;
  /** This worker's address, for log lines. */
  readonly self: () => string;
  /** The register-worker message to send on each (re)connection (it lists the keys held now). */
  readonly register: () => WorkerToScheduler;
  /** Every message from the scheduler. */
  readonly onMessage: (msg: SchedulerToWorker) => void;
  /**
   * The connection was lost (closed by the peer, cut, or silent). Return `'reconnect'` to try again, or `'stop'`
   * when the worker stops anyway (it was retiring).
   */
  readonly onLost: (reason: string) => 'reconnect' | 'stop';
  /** The scheduler stayed away for `deathTimeoutMs`: the worker should stop. */
  readonly onDeath: (reason: string) => void;
  /** Longest silence before the connection is presumed dead, ms. Default 30,000. */
  readonly silenceMs?: number;
  /** Longest time without the scheduler before the worker gives up, ms; undefined: never. */
  readonly deathTimeoutMs?: number;
}

/** Default {@link SchedulerLinkOptions.silenceMs}: three times the scheduler's default worker TTL. */
export const DEFAULT_SILENCE_MS = 30_000;

/** See the file header. */
export class SchedulerLink {
  private comm: Comm | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  // Bumped by detach/close: a connection attempt that completes for an older generation is dropped.
  private generation = 0;
  private stopped = false;
  private lastHeard = Date.now();
  private readonly silenceMs: number;

  constructor(private readonly options: SchedulerLinkOptions) {
    this.silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  }

  /** True while a connection to the scheduler is open. */
  get connected(): boolean {
    return this.comm !== undefined && !this.comm.isClosed;
  }

  /** Connects and registers; rejects (CommError) when the scheduler cannot be reached within `timeoutMs`. */
  async connect(timeoutMs: number): Promise<void> {
    const generation = this.generation;
    const comm = await connect(this.options.scheduler, {
      ...this.options.comm,
      role: 'worker',
      name: this.options.name,
      timeoutMs,
    });
    if (this.stopped || generation !== this.generation) {
      comm.close('worker stopped meanwhile');
      return;
    }
    this.comm = comm;
    this.lastHeard = Date.now();
    comm.send(this.options.register());
    comm.onMessage((msg) => {
      this.lastHeard = Date.now();
      if ((msg as { op?: unknown }).op === 'heartbeat-ack') return;
      this.options.onMessage(msg as SchedulerToWorker);
    });
    comm.onClose((info) => {
      if (this.comm !== comm) return;
      this.comm = undefined;
      if (this.stopped) return;
      if (this.options.onLost(info.reason) === 'stop') return;
      this.options.log('warn', `worker ${this.options.self()} lost the scheduler (${info.reason}); reconnecting`);
      this.reconnect(200);
    });
    this.startWatchdog();
  }

  /** Sends `msg` if connected; otherwise drops it (re-registration reports what is held, the rest was rescheduled). */
  send(msg: WorkerToScheduler): void {
    const comm = this.comm;
    if (!comm || comm.isClosed) return;
    try {
      comm.send(msg);
    } catch (err) {
      const self = this.options.self();
      this.options.log('warn', `worker ${self}: cannot send ${msg.op} to the scheduler: ${(err as Error).message}`);
    }
  }

  /** Tries to connect again after `delayMs`, backing off while the scheduler stays unreachable. */
  reconnect(delayMs: number): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stopped || this.connected) return;
      this.connect(5000).catch((err: Error) => {
        if (this.stopped) return;
        this.options.log('warn', `worker ${this.options.self()}: scheduler still unreachable (${err.message})`);
        this.reconnect(Math.min(Math.max(2 * delayMs, 500), 5000));
      });
    }, delayMs);
  }

  /**
   * Drops the current connection without reporting it lost (a restarting worker re-registers as new): the
   * scheduler sees the connection close and recovers as for a dead worker.
   */
  detach(reason: string): void {
    this.generation++;
    const comm = this.comm;
    this.comm = undefined;
    comm?.close(reason);
  }

  /** Stops for good: sends `last` (if any and connected), closes the connection, stops every timer. */
  close(reason: string, last?: WorkerToScheduler): void {
    if (this.stopped) return;
    this.stopped = true;
    this.generation++;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    const comm = this.comm;
    this.comm = undefined;
    if (comm && !comm.isClosed) {
      if (last !== undefined) {
        try {
          comm.send(last);
        } catch {
          // closed meanwhile
        }
      }
      comm.close(reason);
    }
  }

  // One timer for the link's life: checks silence while connected, and the death timeout whether connected or not.
  private startWatchdog(): void {
    if (this.watchdog) return;
    const period = Math.max(50, Math.min(1000, this.silenceMs / 4, (this.options.deathTimeoutMs ?? 4000) / 4));
    this.watchdog = setInterval(() => this.checkSilence(), period);
    this.watchdog.unref();
  }

  private checkSilence(): void {
    if (this.stopped) return;
    const silent = Date.now() - this.lastHeard;
    const death = this.options.deathTimeoutMs;
    if (death !== undefined && silent > death) {
      const why = `no word from the scheduler ${this.options.scheduler} for ${(silent / 1000).toFixed(1)} s (death timeout ${(death / 1000).toFixed(1)} s)`;
      this.options.log('warn', `worker ${this.options.self()}: ${why}; stopping`);
      this.options.onDeath(why);
      return;
    }
    const comm = this.comm;
    if (comm !== undefined && silent > this.silenceMs) {
      // The socket may never close by itself (a stopped process, a link that drops packets): close it, which
      // takes the lost-connection path (reconnect) above.
      this.options.log(
        'warn',
        `worker ${this.options.self()}: the scheduler has been silent for ${(silent / 1000).toFixed(1)} s; dropping the connection`,
      );
      comm.close(`scheduler silent for ${silent} ms`);
    }
  }
}
