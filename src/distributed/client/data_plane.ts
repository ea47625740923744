/**
 * The client's direct connections to workers, for the data plane: `get-data` to fetch results (never through the
 * scheduler) and `put-data` to scatter values. One connection per worker, opened on first use.
 */
import { type Comm, type CommOptions, connect, PendingRequests } from '../comm/index.js';
import type { DataResponse, KeyId, Payload, WorkerAddress } from '../protocol/messages.js';
import { ClientError } from './errors.js';

interface WorkerLink {
  readonly comm: Comm;
  readonly requests: PendingRequests;
}

/** Connections from one client to the workers. */
export class DataPlane {
  private readonly links = new Map<WorkerAddress, Promise<WorkerLink>>();

  constructor(
    private readonly name: string,
    private readonly options: CommOptions,
  ) {}

  /**
   * The values of `keys` held by `worker`, and the keys it did not have. Retries a `busy` answer a few times.
   * Rejects with ClientError WORKER_UNREACHABLE when the worker cannot be reached.
   */
  async getData(
    worker: WorkerAddress,
    keys: readonly KeyId[],
  ): Promise<{ data: Record<KeyId, Payload>; missing: KeyId[] }> {
    for (let attempt = 0; ; attempt++) {
      const link = await this.link(worker);
      const reply = await link.requests.request<DataResponse>({ op: 'get-data', keys, who: this.name });
      if (reply.op === 'data') return { data: { ...reply.data }, missing: [...reply.missing] };
      if (reply.op !== 'busy' || attempt >= 20) {
        throw new ClientError('WORKER_UNREACHABLE', `worker ${worker} answered get-data with ${reply.op}`);
      }
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }

  /** Stores `data` on `worker`; resolves to the bytes of each value as the worker measured them. */
  async putData(worker: WorkerAddress, data: Record<KeyId, Payload>): Promise<Record<KeyId, number>> {
    const link = await this.link(worker);
    const reply = await link.requests.request<DataResponse>({ op: 'put-data', data });
    if (reply.op !== 'put-ok')
      throw new ClientError('WORKER_UNREACHABLE', `worker ${worker} answered put-data with ${reply.op}`);
    return { ...reply.nbytes };
  }

  /** Closes every worker connection. */
  close(): void {
    for (const p of this.links.values())
      p.then(
        (l) => l.comm.close('client closing'),
        () => {},
      );
    this.links.clear();
  }

  private link(worker: WorkerAddress): Promise<WorkerLink> {
    let p = this.links.get(worker);
    if (p === undefined) {
      p = connect(worker, { ...this.options, role: 'client', name: this.name, timeoutMs: 5000 }).then(
        (comm) => {
          const requests = new PendingRequests(comm);
          comm.onMessage((msg) => requests.settle(msg));
          comm.onClose(() => this.links.delete(worker));
          return { comm, requests };
        },
        (err: Error) => {
          this.links.delete(worker);
          throw new ClientError('WORKER_UNREACHABLE', `cannot reach worker ${worker}: ${err.message}`, { cause: err });
        },
      );
      this.links.set(worker, p);
    }
    return p;
  }
}
