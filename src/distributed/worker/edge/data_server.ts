/**
 * The worker's server side for peers and clients: `get-data` (a peer fetching a dependency, a client gathering a
 * result, the scheduler's acquire-replicas) and `put-data` (a client's scatter). Transfers never go through the
 * scheduler.
 *
 * At most `maxOutgoing` get-data are served at once; more are answered `busy` (the asker retries later). Each
 * keeps its slot until its bytes are in the socket, so a slow peer holds one slot, not the worker's memory.
 */
import { estimateBytes } from '../../../scheduler/size.js';
import type { Comm, CommLogger } from '../../comm/index.js';
import type { DataRequest, KeyId } from '../../protocol/messages.js';
import type { DataStore } from '../memory/store.js';
import type { MetricsCollector } from './metrics.js';

/** What the data server needs from its worker (read at each request: a restart replaces the store). */
export interface DataServerContext {
  readonly store: () => DataStore;
  readonly metrics: MetricsCollector;
  /** Tells the state machine that values arrived by put-data (their bytes per key). */
  readonly stored: (nbytes: Record<KeyId, number>) => void;
  readonly self: () => string;
  readonly log: CommLogger;
  /** Most get-data served at once. Default 10. */
  readonly maxOutgoing?: number;
}

/** Serves get-data and put-data on every connection it is given. */
export class DataServer {
  private outgoing = 0;
  private readonly comms = new Set<Comm>();

  constructor(private readonly ctx: DataServerContext) {}

  /** Serves requests on `comm` (an accepted connection) until it closes. */
  serve(comm: Comm): void {
    this.comms.add(comm);
    comm.onClose(() => this.comms.delete(comm));
    comm.onMessage((raw) => {
      const msg = raw as DataRequest;
      if (msg.op === 'get-data') void this.getData(comm, msg);
      else if (msg.op === 'put-data') this.putData(comm, msg);
      else {
        this.ctx.log(
          'warn',
          `worker ${this.ctx.self()}: unknown request ${(raw as { op?: unknown }).op} from ${comm.peer.remote}; closing`,
        );
        comm.close('protocol error');
      }
    });
  }

  /** Closes every served connection. */
  close(): void {
    for (const comm of this.comms) comm.close('worker closing');
  }

  private async getData(comm: Comm, msg: Extract<DataRequest, { op: 'get-data' }>): Promise<void> {
    if (this.outgoing >= (this.ctx.maxOutgoing ?? 10)) {
      comm.send({ op: 'busy', requestId: msg.requestId });
      return;
    }
    this.outgoing++;
    try {
      const data: Record<KeyId, unknown> = {};
      const missing: KeyId[] = [];
      let bytes = 0;
      const store = this.ctx.store();
      for (const key of msg.keys) {
        if (!store.has(key)) {
          missing.push(key);
          continue;
        }
        try {
          data[key] = await store.get(key);
          bytes += store.nbytes(key) ?? 0;
        } catch {
          missing.push(key); // deleted meanwhile
        }
      }
      if (comm.isClosed) return;
      comm.send({ op: 'data', requestId: msg.requestId, data, missing });
      this.ctx.metrics.sent(msg.who, bytes);
      await comm.drain(); // backpressure: one slot per transfer until the bytes are in the socket
    } finally {
      this.outgoing--;
    }
  }

  private putData(comm: Comm, msg: Extract<DataRequest, { op: 'put-data' }>): void {
    const nbytes: Record<KeyId, number> = {};
    const store = this.ctx.store();
    for (const key of Object.keys(msg.data)) {
      const value = msg.data[key];
      nbytes[key] = estimateBytes(value);
      store.set(key, value, nbytes[key]);
    }
    this.ctx.stored(nbytes);
    if (!comm.isClosed) comm.send({ op: 'put-ok', requestId: msg.requestId, nbytes });
  }
}
