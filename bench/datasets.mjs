// Names and paths of the generated benchmark files (bench/data/ is gitignored, never committed).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory holding the generated Parquet files and expected.json. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

/** Path of the file with the per-dataset reference values computed by DuckDB at generation time. */
export const EXPECTED_PATH = join(DATA_DIR, 'expected.json');

/** The compression variants written for each dataset, in DuckDB's COPY spelling. */
export const CODECS = ['snappy', 'zstd', 'uncompressed'];

/**
 * The two datasets: the 5M-row table in ~1M-row row groups, and a 500k-row variant for quick runs
 * (100k-row groups, so that the 2-thread pool still has several row groups to share).
 */
export const DATASETS = {
  full: { name: '5m', rows: 5_000_000, rowGroupSize: 1_000_000 },
  quick: { name: '500k', rows: 500_000, rowGroupSize: 100_000 },
};

/** Columns of the projection task, in the order the issue names them. */
export const PROJECTION = ['price', 'cat'];

/** All columns of the generated table, in schema order. */
export const ALL_COLUMNS = ['id', 'key', 'cat', 'price', 'qty', 'ts', 'note'];

/** Path of one generated file. */
export function dataFile(dataset, codec) {
  return join(DATA_DIR, `bench-${dataset.name}-${codec}.parquet`);
}
