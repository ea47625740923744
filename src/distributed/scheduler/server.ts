/**
 * The scheduler process's I/O edge: accepts worker and client connections, turns their messages into events of
 * the pure `SchedulerState` (./state/), and performs the actions it returns (send to a worker or a client, close a
 * worker, log). A timer sends `tick` events so the state machine can detect silent workers and steal work.
 *
 * Who a connection is comes from the handshake role: a `worker` must first send `register-worker`, a `client`
 * first sends `register-client`. A connection that breaks the protocol is closed and logged; the others go on.
 */
import { type Comm, type CommLogger, type CommOptions, type Listener, listen, stderrLogger } from '../comm/index.js';
import type { ClientToScheduler, SchedulerToWorker, WorkerAddress, WorkerToScheduler } from '../protocol/messages.js';
import { SchedulerState } from './state/index.js';
import type { SchedulerAction, SchedulerConfig, SchedulerEvent } from './state/types.js';

/** Options of {@link startScheduler}. */
export interface SchedulerServerOptions extends CommOptions {
  /** Interface to bind; default 127.0.0.1. Binding elsewhere needs a token or TLS. */
  readonly host?: string;
  /** Port; default 8786; 0 picks a free one. */
  readonly port?: number;
  /** State machine tuning (heartbeat timeout, stealing, queuing...). */
  readonly config?: Partial<SchedulerConfig>;
  /** Interval of `tick` events, ms. Default 100. */
  readonly tickMs?: number;
  /**
   * Told the events handled in one step and the actions they produced, after the actions are performed (the
   * dashboard; must cost O(1) per event and action).
   */
  readonly observer?: (events: readonly SchedulerEvent[], actions: readonly SchedulerAction[]) => void;
}

/** A running scheduler. */
export interface SchedulerServer {
  /** `tcp://host:port` workers and clients connect to. */
  readonly address: string;
  /** The state machine (read-only use: snapshots for tests and the dashboard). */
  readonly state: SchedulerState;
  /** Connections refused by the comm layer (bad token, random bytes, oversized frames). */
  readonly refused: number;
  /** Stops listening, tells every worker to close, closes every connection. */
  close(): Promise<void>;
}

/** Starts a scheduler server. Rejects with CommError INSECURE for a non-loopback host without token or TLS. */
export async function startScheduler(options: SchedulerServerOptions = {}): Promise<SchedulerServer> {
  const log: CommLogger = options.log ?? stderrLogger;
  const state = new SchedulerState(options.config ?? {});
  const observer = options.observer;
  const workers = new Map<WorkerAddress, Comm>();
  const clients = new Map<string, Comm>();
  // Workers the state machine closed itself: their connection's close must not be reported again.
  const closedByState = new Set<Comm>();

  const perform = (actions: readonly SchedulerAction[]): void => {
    for (const action of actions) {
      switch (action.type) {
        case 'send-worker':
          sendOrDrop(workers.get(action.worker), action.msg);
          break;
        case 'send-client':
          sendOrDrop(clients.get(action.client), action.msg);
          break;
        case 'close-worker': {
          const comm = workers.get(action.worker);
          if (comm) {
            closedByState.add(comm);
            workers.delete(action.worker);
            if (action.abort) {
              comm.abort(action.reason);
            } else {
              sendOrDrop(comm, { op: 'close', reason: action.reason });
              comm.close(action.reason);
            }
          }
          break;
        }
        case 'log':
          if (action.level !== 'debug') log(action.level === 'error' ? 'warn' : 'info', action.message);
          break;
      }
    }
  };
  const handle = (event: SchedulerEvent): void => {
    let actions: readonly SchedulerAction[];
    try {
      actions = state.handle(event);
    } catch (err) {
      log('warn', `scheduler state machine failed on ${event.type}: ${(err as Error).stack}`);
      return;
    }
    perform(actions);
    if (observer !== undefined) {
      try {
        observer([event], actions);
      } catch (err) {
        log('warn', `scheduler observer failed on ${event.type}: ${(err as Error).message}`);
      }
    }
  };

  const handleMany = (events: SchedulerEvent[]): void => {
    if (events.length === 0) return;
    let actions: readonly SchedulerAction[];
    try {
      actions = state.handleMany(events);
    } catch (err) {
      log('warn', `scheduler state machine failed on a batch of ${events.length} events: ${(err as Error).stack}`);
      return;
    }
    perform(actions);
    if (observer !== undefined) {
      try {
        observer(events, actions);
      } catch (err) {
        log('warn', `scheduler observer failed on a batch of ${events.length} events: ${(err as Error).message}`);
      }
    }
  };

  const onWorker = (comm: Comm): void => {
    let address: WorkerAddress | undefined;
    // A received batch is handled in one step, so the tasks it frees for one worker leave as one message.
    comm.onMessages((batch) => {
      const events: SchedulerEvent[] = [];
      const now = Date.now();
      let heartbeat = false;
      for (const raw of batch) {
        const msg = raw as WorkerToScheduler;
        heartbeat ||= msg?.op === 'heartbeat';
        if (address === undefined) {
          if (msg?.op !== 'register-worker' || typeof msg.address !== 'string') {
            log('warn', `closing worker connection from ${comm.peer.remote}: first message is not register-worker`);
            comm.close('protocol error');
            return;
          }
          address = msg.address;
          const previous = workers.get(address);
          if (previous) {
            // A worker that reconnects after a cut link: the old connection is stale.
            closedByState.add(previous);
            previous.close('replaced by a new connection');
          }
          workers.set(address, comm);
          events.push({ type: 'add-worker', now, msg });
          continue;
        }
        events.push({ type: 'worker-message', now, worker: address, msg });
      }
      handleMany(events);
      // A worker that hears nothing from its scheduler for a while reconnects (worker/edge/scheduler_link.ts).
      if (heartbeat) sendOrDrop(comm, { op: 'heartbeat-ack' } satisfies SchedulerToWorker);
    });
    comm.onClose((info) => {
      if (address === undefined || closedByState.has(comm)) return;
      if (workers.get(address) === comm) workers.delete(address);
      handle({ type: 'remove-worker', now: Date.now(), worker: address, reason: info.reason });
    });
  };

  const onClient = (comm: Comm): void => {
    let clientId: string | undefined;
    comm.onMessage((raw) => {
      const msg = raw as ClientToScheduler;
      if (clientId === undefined) {
        if (msg?.op !== 'register-client' || typeof msg.clientId !== 'string') {
          log('warn', `closing client connection from ${comm.peer.remote}: first message is not register-client`);
          comm.close('protocol error');
          return;
        }
        clientId = msg.clientId;
        clients.set(clientId, comm);
      }
      handle({ type: 'client-message', now: Date.now(), client: clientId, msg });
    });
    comm.onClose(() => {
      if (clientId === undefined) return;
      clients.delete(clientId);
      // Dropping the connection releases everything the client held, as an explicit close does.
      handle({ type: 'client-message', now: Date.now(), client: clientId, msg: { op: 'close-client', clientId } });
    });
  };

  const listener: Listener = await listen({
    ...options,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 8786,
    role: 'scheduler',
    name: 'scheduler',
    log,
    onConnection: (comm) => {
      if (comm.peer.role === 'worker') onWorker(comm);
      else if (comm.peer.role === 'client') onClient(comm);
      else {
        log(
          'warn',
          `closing connection from ${comm.peer.remote}: role ${comm.peer.role} does not talk to the scheduler`,
        );
        comm.close('wrong role');
      }
    },
  });
  const timer = setInterval(() => handle({ type: 'tick', now: Date.now() }), options.tickMs ?? 100);
  timer.unref();

  return {
    address: listener.address,
    state,
    get refused() {
      return listener.refused;
    },
    async close() {
      clearInterval(timer);
      await listener.close().catch(() => {});
      for (const comm of workers.values()) {
        closedByState.add(comm);
        sendOrDrop(comm, { op: 'close', reason: 'scheduler closing' });
        comm.close('scheduler closing');
      }
      for (const comm of clients.values()) comm.close('scheduler closing');
      workers.clear();
      clients.clear();
    },
  };
}

function sendOrDrop(comm: Comm | undefined, msg: unknown): void {
  if (comm === undefined || comm.isClosed) return;
  comm.send(msg);
}
