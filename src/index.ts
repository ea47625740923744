// Public API of tessera.
export * from './parquet/index.js';
