// The readers the benchmark compares. Each module exports createReader(options) -> { read, checksums, arrowBytes?,
// close? }: setup (imports, engine start, worker start) happens in createReader and is not timed; read(path, columns)
// is the timed work (columns: null for the whole file); checksums(result) proves the data was decoded.

/** Reader name -> module (relative to this folder) and the options passed to its createReader. */
export const READERS = {
  tessera: { module: './tessera.mjs', options: { threads: 1 } },
  tessera2: { module: './tessera.mjs', options: { threads: 2 } },
  'tessera-pool2': { module: './tessera-pool.mjs', options: { threads: 2 } },
  hyparquet: { module: './hyparquet.mjs', options: {} },
  'parquet-wasm': { module: './parquet-wasm.mjs', options: {} },
  duckdb1: { module: './duckdb.mjs', options: { threads: 1 } },
  duckdb2: { module: './duckdb.mjs', options: { threads: 2 } },
};

/** Loads a reader by name and runs its setup. */
export async function loadReader(name, context) {
  const entry = READERS[name];
  if (!entry) throw new Error(`unknown reader ${name}; known: ${Object.keys(READERS).join(', ')}`);
  const module = await import(new URL(entry.module, import.meta.url).href);
  return module.createReader({ ...entry.options, ...context });
}
