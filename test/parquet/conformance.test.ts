// Conformance, value for value: every non-encrypted flat file of parquet-testing's data/ (and data/geospatial/) is
// read by tessera and by DuckDB, and every cell of every column is compared as the JSON text that
// `tessera cat --format ndjson` writes (integers exact, floats shortest round-trip, decimals exact, base64 binary,
// ...; see test/support/duckdb_text.ts for how DuckDB's side is rendered and which adaptations it needs).
import { readdirSync } from 'node:fs';
import t from 'tap';
import { ParquetFile } from '../../src/parquet/index.js';
import { duckdbCells, ndjsonLine, openDuckDB } from '../support/duckdb_text.js';
import { catOutput, sameLines, tesseraLines } from '../support/tessera_text.js';

const DATA = 'fixtures/parquet-testing/data';

/** Files with LIST / MAP / STRUCT / repeated columns, which the flat reader rejects. nested: issue 3 */
const NESTED = [
  'datapage_v2.snappy.parquet',
  'incorrect_map_schema.parquet',
  'large_string_map.brotli.parquet',
  'list_columns.parquet',
  'map_no_value.parquet',
  'nested_lists.snappy.parquet',
  'nested_maps.snappy.parquet',
  'nested_structs.rust.parquet',
  'nonnullable.impala.parquet',
  'null_list.parquet',
  'nullable.impala.parquet',
  'nulls.snappy.parquet',
  'old_list_structure.parquet',
  'repeated_no_annotation.parquet',
  'repeated_primitive_no_list.parquet',
];

/**
 * Flat files checked elsewhere, because DuckDB cannot be the reference for them as they are:
 * - int96_from_spark: holds INT96 values outside the int64-nanosecond range, which DuckDB itself misreads (row 5:
 *   year 290000 comes back as -226413); compared against hand-written values in conformance_special.test.ts.
 */
const CHECKED_ELSEWHERE = ['int96_from_spark.parquet'];

/** DuckDB (1.5) has no LZ4 (Hadoop framing) codec: these are compared with DuckDB's read of their LZ4_RAW twins,
 *  which parquet-testing wrote from the same data. */
const DUCKDB_TWIN: Record<string, string> = {
  'hadoop_lz4_compressed.parquet': 'lz4_raw_compressed.parquet',
  'non_hadoop_lz4_compressed.parquet': 'lz4_raw_compressed.parquet',
  'hadoop_lz4_compressed_larger.parquet': 'lz4_raw_compressed_larger.parquet',
};

/** DuckDB reads BYTE_STREAM_SPLIT only for FLOAT and DOUBLE: every `X_byte_stream_split` column of this file is
 *  compared with DuckDB's read of `X_plain`, which holds the same values PLAIN-encoded. */
const BSS_EXTENDED = 'byte_stream_split_extended.gzip.parquet';

/** Files with deliberately wrong page CRCs: compared with `verifyChecksums: false` (checksum_test covers the error). */
const CORRUPT_CHECKSUM = ['datapage_v1-corrupt-checksum.parquet', 'rle-dict-uncompressed-corrupt-checksum.parquet'];

function parquetFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.parquet'))
    .sort();
}

const connection = await openDuckDB();
const files = [
  ...parquetFiles(DATA).map((name) => ({ dir: DATA, name })),
  ...parquetFiles(`${DATA}/geospatial`).map((name) => ({ dir: `${DATA}/geospatial`, name })),
];

t.test('the nested list is exactly the files with non-flat columns', async (t) => {
  const nested: string[] = [];
  for (const { dir, name } of files) {
    const file = await ParquetFile.open(`${dir}/${name}`);
    if (!file.schema.columns.every((c) => c.path.length === 1 && c.maxRepetitionLevel === 0)) nested.push(name);
    await file.close();
  }
  t.same(nested, NESTED);
});

for (const { dir, name } of files) {
  if (NESTED.includes(name) || CHECKED_ELSEWHERE.includes(name)) continue;
  const path = `${dir}/${name}`;
  t.test(name, async (t) => {
    const corrupt = CORRUPT_CHECKSUM.includes(name);
    const lines = await tesseraLines(path, corrupt ? { verifyChecksums: false } : {});
    const duckPath = DUCKDB_TWIN[name] ? `${dir}/${DUCKDB_TWIN[name]}` : path;
    const file = await ParquetFile.open(path);
    const tesseraNames = file.schema.columns.map((c) => c.name);
    await file.close();
    const { names, rows } = await duckdbCells(connection, duckPath, {
      columns: tesseraNames,
      sourceOf: name === BSS_EXTENDED ? (column) => column.replace(/_byte_stream_split$/, '_plain') : undefined,
    });
    t.ok(rows.length > 0 || name === 'column_chunk_key_value_metadata.parquet', 'the file has rows');
    sameLines(
      t,
      lines,
      rows.map((cells) => ndjsonLine(names, cells)),
      name,
    );
    if (!corrupt) {
      // The CLI writes exactly these lines.
      const cat = await catOutput(path);
      t.equal(cat.code, 0);
      t.ok(cat.stdout === lines.map((line) => `${line}\n`).join(''), 'tessera cat writes the same ndjson');
    }
  });
}

t.teardown(() => connection.closeSync());
