// Public API of tessera: the Parquet reader (also `tessera/parquet`), task graphs, ops and the local schedulers.
export * from './graph/index.js';
export * from './ops/index.js';
export * from './parquet/index.js';
export * from './scheduler/index.js';
