/**
 * Outgoing connections from a worker to its peers (for get-data), one per peer, opened on first use and dropped
 * when they close or fail. Transfers go straight from the peer that holds the data, never via the scheduler.
 */
import { type Comm, type CommOptions, connect, PendingRequests } from '../../comm/index.js';
import type { DataResponse, KeyId, WorkerAddress } from '../../protocol/messages.js';

interface PeerLink {
  readonly comm: Comm;
  readonly requests: PendingRequests;
}

/** A pool of connections to peer workers. */
export class PeerPool {
  private readonly links = new Map<WorkerAddress, Promise<PeerLink>>();
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly options: CommOptions & { readonly connectTimeoutMs?: number },
  ) {}

  /**
   * Asks `peer` for `keys` (one get-data request) and resolves to its answer (`data` or `busy`). Rejects when the
   * connection fails or no answer comes within `timeoutMs` (a cut link does not always close the socket).
   */
  async getData(peer: WorkerAddress, keys: readonly KeyId[], who: string, timeoutMs = 30_000): Promise<DataResponse> {
    const link = await this.link(peer);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from ${peer} to get-data of ${keys.length} keys within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([link.requests.request<DataResponse>({ op: 'get-data', keys, who }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `data` to `peer` (put-data) and resolves to its answer. */
  async putData(peer: WorkerAddress, data: Record<KeyId, unknown>): Promise<DataResponse> {
    const link = await this.link(peer);
    return link.requests.request<DataResponse>({ op: 'put-data', data });
  }

  /** Drops the connection to `peer` (after a failure). */
  drop(peer: WorkerAddress): void {
    const link = this.links.get(peer);
    this.links.delete(peer);
    void link?.then(
      (l) => l.comm.close('dropped after a failure'),
      () => {},
    );
  }

  /** Closes every connection. */
  close(): void {
    this.closed = true;
    for (const peer of [...this.links.keys()]) this.drop(peer);
  }

  private link(peer: WorkerAddress): Promise<PeerLink> {
    if (this.closed) return Promise.reject(new Error('worker is closing: no new peer connection'));
    let link = this.links.get(peer);
    if (!link) {
      link = connect(peer, {
        ...this.options,
        role: 'peer',
        name: this.name,
        timeoutMs: this.options.connectTimeoutMs ?? 5000,
      }).then((comm) => {
        const requests = new PendingRequests(comm);
        comm.onMessage((msg) => requests.settle(msg));
        comm.onClose(() => {
          if (this.links.get(peer) === link) this.links.delete(peer);
        });
        return { comm, requests };
      });
      link.catch(() => {
        if (this.links.get(peer) === link) this.links.delete(peer);
      });
      this.links.set(peer, link);
    }
    return link;
  }
}
