// Public API of tessera: the Parquet reader (also `tessera/parquet`), task graphs, ops, the local schedulers, the
// columnar partition model (`tessera/columnar`) and the lazy DataFrame (`tessera/dataframe`).

export * from './columnar/index.js';
export * from './dataframe/index.js';
export * from './graph/index.js';
export * from './ops/index.js';
export * from './options/index.js';
// Both the columnar model and Parquet metadata name a TimeUnit; the package root keeps the Parquet one it had.
export type { TimeUnit } from './parquet/index.js';
export * from './parquet/index.js';
export * from './scheduler/index.js';
