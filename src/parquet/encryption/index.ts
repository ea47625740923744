// Public surface of Parquet modular encryption (reading).
export { ModuleType } from './aad.js';
export { ColumnDecryptor, type ColumnPosition } from './column_decryptor.js';
export type { DecryptionOptions, KeyBytes, KeyRetriever } from './keys.js';
