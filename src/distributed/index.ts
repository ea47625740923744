// tessera/distributed: run graphs and DataFrames on a cluster of processes (see README.md in this folder).
export { Client, type ClientOptions, type ClusterLike } from './client/client.js';
export { ClientError, type ClientErrorCode } from './client/errors.js';
export { Future, type FutureStatus } from './client/future.js';
export type { SubmitOptions } from './client/submit.js';
export {
  type CloseInfo,
  Comm,
  CommError,
  type CommErrorCode,
  type CommOptions,
  connect,
  type Listener,
  listen,
  newToken,
  readTlsFiles,
  readTokenFile,
  type SecurityOptions,
  type TlsOptions,
} from './comm/index.js';
export { LocalCluster, type LocalClusterOptions, type LocalWorker } from './local_cluster.js';
export * as protocol from './protocol/messages.js';
export { type SchedulerServer, type SchedulerServerOptions, startScheduler } from './scheduler/server.js';
export { SchedulerState } from './scheduler/state/index.js';
export { startWorker, type WorkerHandle, type WorkerOptions } from './worker/process.js';
