// Runs one cell of the writer conformance matrix: the cases' table written by tessera with some options, then read
// back by tessera, DuckDB and parquet-wasm value for value (test/support/write_readers.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Test } from 'tap';
import { readOffsetIndex } from '../../src/parquet/filter/page_index.js';
import { type CodecName, ParquetFile, type ParquetWriterOptions, writeTable } from '../../src/parquet/index.js';
import {
  type ColumnCase,
  ENCODING_TYPES,
  type ExplicitEncoding,
  encodingPlan,
  leavesOf,
  type Physical,
  tableOf,
} from './write_cases.js';
import { checkReaders } from './write_readers.js';

/** Every codec the writer offers. */
export const CODECS: readonly CodecName[] = ['uncompressed', 'snappy', 'gzip', 'brotli', 'zstd', 'lz4_raw'];

/** How the values of a cell are encoded: dictionary (with or without fallback) or one explicit encoding. */
export type EncodingVariant = 'dictionary' | 'dictionary-fallback' | ExplicitEncoding;

/** Every encoding variant. */
export const ENCODING_VARIANTS: readonly EncodingVariant[] = [
  'dictionary',
  'dictionary-fallback',
  'PLAIN',
  'RLE',
  'DELTA_BINARY_PACKED',
  'DELTA_LENGTH_BYTE_ARRAY',
  'DELTA_BYTE_ARRAY',
  'BYTE_STREAM_SPLIT',
];

/** Small pages and row groups, so that a thousand rows make several pages in each of two row groups. */
export const SMALL_PAGES: ParquetWriterOptions = { dataPageSize: 256, dataPageRowLimit: 128, rowGroupSize: 600 };

/** A temporary directory removed when `t` ends. */
export function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-wconf-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Columns DuckDB 1.5 cannot read for a reason that is DuckDB's, not the file's: BYTE_STREAM_SPLIT on anything but
 * FLOAT and DOUBLE (parquet-format added INT32, INT64 and FIXED_LEN_BYTE_ARRAY in 2.11; DuckDB reads only the
 * original two). parquet-wasm still reads those columns.
 */
export function duckdbSkips(variant: EncodingVariant, cases: readonly ColumnCase[]): Map<string, string> {
  const skips = new Map<string, string>();
  if (variant !== 'BYTE_STREAM_SPLIT') return skips;
  for (const c of cases) {
    if (leavesOf(c).some((leaf) => leaf.physical !== 'float' && leaf.physical !== 'double')) {
      skips.set(c.field.name, 'DuckDB reads BYTE_STREAM_SPLIT only for FLOAT and DOUBLE');
    }
  }
  return skips;
}

/** The columns and writer options of an encoding variant. */
export function variantPlan(
  variant: EncodingVariant,
  cases: readonly ColumnCase[],
): { cases: ColumnCase[]; options: ParquetWriterOptions } {
  if (variant === 'dictionary') return { cases: [...cases], options: { dictionary: true } };
  if (variant === 'dictionary-fallback') {
    return { cases: [...cases], options: { dictionary: true, dictionaryPageSizeLimit: 64 } };
  }
  const plan = encodingPlan(variant, cases);
  return { cases: plan.columns, options: { dictionary: false, columns: plan.options } };
}

const DICTIONARY_ENCODINGS = ['RLE_DICTIONARY', 'PLAIN_DICTIONARY'];

/** Encodings of each column chunk, by dotted leaf path, as DuckDB's footer reader lists them. */
export async function chunkEncodings(duckdb: DuckDBConnection, path: string): Promise<Map<string, Set<string>>> {
  const result = await duckdb.runAndReadAll(
    `SELECT path_in_schema, encodings FROM parquet_metadata('${path.replaceAll("'", "''")}')`,
  );
  const out = new Map<string, Set<string>>();
  for (const [leaf, encodings] of result.getRows()) {
    const key = String(leaf).split(', ').join('.');
    const set = out.get(key) ?? new Set<string>();
    for (const e of String(encodings).split(', ')) set.add(e);
    out.set(key, set);
  }
  return out;
}

/** Asserts that the file's column chunks use the encodings the variant asked for (so that a writer silently
 *  falling back to PLAIN cannot pass the matrix). */
export async function checkEncodings(
  t: Test,
  duckdb: DuckDBConnection,
  path: string,
  variant: EncodingVariant,
  cases: readonly ColumnCase[],
): Promise<void> {
  const encodings = await chunkEncodings(duckdb, path);
  const problems: string[] = [];
  let fellBack = 0;
  for (const c of cases) {
    for (const leaf of leavesOf(c)) {
      const used = encodings.get(leaf.path);
      if (!used) {
        problems.push(`${leaf.path}: no column chunk`);
        continue;
      }
      const dictionary = DICTIONARY_ENCODINGS.some((e) => used.has(e));
      const listed = [...used].join(', ');
      if (variant === 'dictionary') {
        if (leaf.physical !== 'boolean' && !dictionary) problems.push(`${leaf.path}: no dictionary (${listed})`);
      } else if (variant === 'dictionary-fallback') {
        // A writer may fall back for the whole chunk (no dictionary page) or after some pages (both listed).
        if (leaf.physical !== 'boolean' && [...used].some((e) => e !== 'RLE' && !DICTIONARY_ENCODINGS.includes(e))) {
          fellBack++;
        }
      } else if ((ENCODING_TYPES[variant] as readonly Physical[]).includes(leaf.physical)) {
        if (!used.has(variant)) problems.push(`${leaf.path}: ${variant} asked for, file lists ${listed}`);
        if (dictionary) problems.push(`${leaf.path}: dictionary-encoded though dictionary is off (${listed})`);
      }
    }
  }
  if (variant === 'dictionary-fallback' && fellBack === 0)
    problems.push('no column chunk fell back from its dictionary');
  t.same(problems, [], `column chunks are ${variant}-encoded`);
}

/** Asserts that the small-page options gave two row groups and several data pages in every column chunk of the
 *  first (per the offset index), so that page boundaries are part of what the readers check. */
export async function checkPaging(t: Test, path: string): Promise<void> {
  const file = await ParquetFile.open(path);
  try {
    const thin: string[] = [];
    for (const column of file.schema.columns) {
      const index = await readOffsetIndex(file, 0, column);
      const pages = index?.index.pageLocations.length ?? 0;
      if (pages < 2) thin.push(`${column.name}: ${pages} page(s)`);
    }
    t.equal(file.rowGroups.length, 2, 'two row groups');
    t.same(thin, [], 'several data pages in every column chunk');
  } finally {
    await file.close();
  }
}

/** Writes `cases` with `options` and checks every reader's view of the file. */
export async function writeAndCheck(
  t: Test,
  dir: string,
  label: string,
  cases: readonly ColumnCase[],
  options: ParquetWriterOptions,
  duckdb: DuckDBConnection,
  skips: ReadonlyMap<string, string> = new Map(),
): Promise<string> {
  const table = tableOf(cases);
  const path = join(dir, `${label.replace(/\W+/g, '_')}.parquet`);
  await writeTable(path, table, { ...options, overwrite: true });
  await checkReaders(t, path, table, cases, { duckdb, duckdbSkips: skips });
  return path;
}

/** One test per (page version, encoding variant) of `cases` written with `codec`. */
export function matrixTests(
  t: Test,
  duckdb: DuckDBConnection,
  codecs: readonly CodecName[],
  makeCases: () => ColumnCase[],
  extra: ParquetWriterOptions = {},
): void {
  const all = makeCases();
  for (const codec of codecs) {
    for (const pageVersion of [1, 2] as const) {
      for (const variant of ENCODING_VARIANTS) {
        const plan = variantPlan(variant, all);
        if (plan.cases.length === 0) continue;
        const label = `${codec} v${pageVersion} ${variant}`;
        t.test(label, async (t) => {
          const dir = tempDir(t);
          const options = { ...SMALL_PAGES, ...extra, ...plan.options, codec, pageVersion };
          const path = await writeAndCheck(
            t,
            dir,
            label,
            plan.cases,
            options,
            duckdb,
            duckdbSkips(variant, plan.cases),
          );
          await checkEncodings(t, duckdb, path, variant, plan.cases);
          await checkPaging(t, path);
        });
      }
    }
  }
}
