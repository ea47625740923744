// Seeded mutation fuzzing of the reader: every mutant of a set of small fixtures (all codecs, the main encodings,
// v1 and v2 pages) must read or fail with a ParquetError, within a time bound and without growing memory by more
// than the input could describe. The reads run in a worker thread that a watchdog terminates if it stops
// reporting (a hang). Reproduce a failure with FUZZ_SEED=<seed> FUZZ_FIXTURE=<path> FUZZ_INDEX=<index>.
import { Worker } from 'node:worker_threads';
import t from 'tap';
import type { FuzzFailure, FuzzJob, FuzzMessage } from '../support/fuzz_worker.js';

const DATA = 'fixtures/parquet-testing/data';
const FIXTURES = [
  'alltypes_plain.parquet', // uncompressed, PLAIN_DICTIONARY, booleans, INT96
  'alltypes_plain.snappy.parquet', // snappy
  'concatenated_gzip_members.parquet', // gzip (two members), UINT_64
  'byte_stream_split.zstd.parquet', // zstd, BYTE_STREAM_SPLIT
  'lz4_raw_compressed.parquet', // LZ4_RAW
  'hadoop_lz4_compressed.parquet', // LZ4 (Hadoop framing)
  'delta_length_byte_array.parquet', // DELTA_LENGTH_BYTE_ARRAY
  'delta_encoding_optional_column.parquet', // DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY, nulls
  'rle_boolean_encoding.parquet', // RLE booleans
  'rle-dict-snappy-checksum.parquet', // v2 pages, RLE_DICTIONARY, CRC
  'page_v2_empty_compressed.parquet', // v2 page, zstd stream of 0 bytes
  'datapage_v2_empty_datapage.snappy.parquet', // v2 page without data
  'fixed_length_decimal.parquet', // FIXED_LEN_BYTE_ARRAY decimals
  'float16_nonzeros_and_nans.parquet', // FLOAT16
  'int32_with_null_pages.parquet', // pages of nulls
  'dict-page-offset-zero.parquet', // dictionary_page_offset 0
].map((name) => `${DATA}/${name}`);

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_601);
const MUTANTS_PER_FIXTURE = 125; // 2,000 mutants in all
/** A watchdog limit far above any honest read of these small files; a read that exceeds it is a hang. */
const HANG_MILLIS = 10_000;
/** Starting the worker transpiles the reader's TypeScript in that thread: slow on a loaded 2-core machine. */
const STARTUP_MILLIS = 120_000;

function runFuzz(job: FuzzJob): Promise<{ summary?: Extract<FuzzMessage, { kind: 'summary' }>; hang?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../support/fuzz_worker.ts', import.meta.url), { workerData: job });
    let last = 'before the first mutant';
    let watchdog = setTimeout(hang, STARTUP_MILLIS);
    function hang() {
      void worker.terminate();
      resolve({ hang: last });
    }
    worker.on('message', (message: FuzzMessage) => {
      clearTimeout(watchdog);
      if (message.kind === 'summary') {
        resolve({ summary: message });
        void worker.terminate();
        return;
      }
      last = `${message.fixture} #${message.index}: ${message.description}`;
      watchdog = setTimeout(hang, HANG_MILLIS);
    });
    worker.on('error', (err) => {
      clearTimeout(watchdog);
      reject(new Error(`fuzz worker died during ${last}`, { cause: err }));
    });
  });
}

t.test(`mutants read or fail with a ParquetError (seed ${SEED})`, async (t) => {
  const only = process.env.FUZZ_INDEX === undefined ? undefined : Number(process.env.FUZZ_INDEX);
  const { summary, hang } = await runFuzz({
    fixtures: process.env.FUZZ_FIXTURE ? [process.env.FUZZ_FIXTURE] : FIXTURES,
    seed: SEED,
    mutantsPerFixture: MUTANTS_PER_FIXTURE,
    only,
    maxMillis: 2000,
    maxGrowthBytes: 256 * 2 ** 20,
  });
  t.equal(hang, undefined, `no hang (the worker stopped reporting during ${hang})`);
  if (!summary) return;
  const describe = (f: FuzzFailure) =>
    `FUZZ_SEED=${SEED} FUZZ_FIXTURE=${f.fixture} FUZZ_INDEX=${f.index} (${f.description}): ${f.problem}`;
  t.same(summary.failures.map(describe), [], 'no crash, no slow read, no memory blow-up');
  t.equal(summary.reads, only === undefined ? FIXTURES.length * MUTANTS_PER_FIXTURE : 1, 'every mutant was read');
  t.comment(
    `outcomes: ${JSON.stringify(summary.outcomes)}; peak growth ${Math.round(summary.peakGrowth / 2 ** 20)} MB`,
  );
});
