// One write-bench measurement in a fresh process: node bench/write-child.mjs <writer> <input> <output> <rowGroupSize>
// (the argument shape of bench/measure.mjs). The input file is read into the writer's own in-memory form first
// (untimed); then only the write of the whole table to <output> with snappy is timed, file I/O included.
// Writer `tessera-stream` instead writes <input> = a row count of generated rows batch by batch (no table in memory)
// and reports the peak RSS after each tenth of the rows.
// Prints one JSON line: {ok, ms, peakRss, rssBeforeWrite, setupMs, bytes, ...extra} or {ok: false, error}.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as arrow from 'apache-arrow';
import { reportChildOutcome } from './measure.mjs';

const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Each writer: setup(input, rowGroupSize) -> state (untimed), write(state, output) (timed). */
const WRITERS = {
  tessera: tesseraWriter(1),
  tessera2: tesseraWriter(2),
  'parquet-wasm': {
    async setup(input) {
      const wasm = await import('parquet-wasm');
      // parquet-wasm's in-memory form is its own wasm-side Arrow table: read the file straight into it.
      return { wasm, table: wasm.readParquet(readFileSync(input)) };
    },
    async write({ wasm, table }, output, rowGroupSize) {
      const properties = new wasm.WriterPropertiesBuilder()
        .setCompression(wasm.Compression.SNAPPY)
        .setMaxRowGroupSize(rowGroupSize)
        .build();
      writeFileSync(output, wasm.writeParquet(table, properties));
    },
  },
  'hyparquet-writer': {
    async setup(input) {
      const { readTable } = await import('../dist/src/parquet/index.js');
      const { parquetWriteFile } = await import('hyparquet-writer');
      const table = await readTable(input);
      // Its input form: one JS array or typed array per column (nulls only where the column has them).
      const values = (name) => {
        const vector = table.getChild(name);
        return vector.nullCount > 0 ? Array.from(vector) : vector.toArray();
      };
      const columnData = ['id', 'key', 'cat', 'price', 'qty', 'ts', 'note'].map((name) => ({
        name,
        data: values(name),
      }));
      const schema = [
        { name: 'root', num_children: 7 },
        { name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' },
        { name: 'key', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'cat', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'price', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        { name: 'qty', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'ts', type: 'INT64', converted_type: 'TIMESTAMP_MICROS', repetition_type: 'OPTIONAL' },
        { name: 'note', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ];
      return { parquetWriteFile, columnData, schema };
    },
    async write({ parquetWriteFile, columnData, schema }, output, rowGroupSize) {
      parquetWriteFile({ filename: output, columnData, schema, codec: 'SNAPPY', rowGroupSize });
    },
  },
  duckdb1: duckdbWriter(1),
  duckdb2: duckdbWriter(2),
};

/** Tessera's writeTable with `threads` encoding threads (1: all on the calling thread). */
function tesseraWriter(threads) {
  return {
    async setup(input) {
      const { readTable, writeTable } = await import('../dist/src/parquet/index.js');
      return { table: await readTable(input), writeTable };
    },
    async write({ table, writeTable }, output, rowGroupSize) {
      await writeTable(output, table, { codec: 'snappy', rowGroupSize, overwrite: true, threads });
    },
  };
}

/** DuckDB's COPY with `threads` threads. */
function duckdbWriter(threads) {
  return {
    async setup(input) {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
      const connection = await instance.connect();
      await connection.run(`SET threads = ${threads}`);
      await connection.run(`CREATE TABLE bench AS SELECT * FROM read_parquet('${input}')`);
      return { connection };
    },
    async write({ connection }, output, rowGroupSize) {
      await connection.run(
        `COPY bench TO '${output}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rowGroupSize})`,
      );
    },
  };
}

async function measureTable([writer, input, output, rowGroupText]) {
  const entry = WRITERS[writer];
  if (!entry) throw new Error(`unknown writer ${writer}; known: ${Object.keys(WRITERS).join(', ')}, tessera-stream`);
  const rowGroupSize = Number(rowGroupText);
  const setupStart = performance.now();
  const state = await entry.setup(input);
  const setupMs = performance.now() - setupStart;
  globalThis.gc?.();
  const rssBeforeWrite = process.memoryUsage().rss;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await entry.write(state, output, rowGroupSize);
  const ms = performance.now() - start;
  // Process CPU time: every thread of the process (Tessera's pool threads, DuckDB's threads) counts.
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { ok: true, ms, cpuMs, peakRss: peakRss(), rssBeforeWrite, setupMs, bytes: statSync(output).size };
}

const CATEGORIES = Array.from({ length: 50 }, (_, i) => Buffer.from(`category_${i}`));

/** A Utf8 vector of `n` ASCII strings, `write(k, buffer, at)` writing the k-th and returning its byte length. */
function asciiVector(n, maxBytes, write) {
  const offsets = new Int32Array(n + 1);
  const bytes = Buffer.allocUnsafe(n * maxBytes);
  let at = 0;
  for (let k = 0; k < n; k++) {
    at += write(k, bytes, at);
    offsets[k + 1] = at;
  }
  return arrow.makeVector(
    arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data: bytes.subarray(0, at) }),
  );
}

/** Rows [start, start + n) of a table shaped like the bench table, from a cheap hash of the row number. Built
 *  straight into Arrow buffers: apache-arrow's builders would make generation, not writing, the cost measured. */
function generatedBatch(start, n) {
  // 64-bit columns are filled as pairs of 32-bit words (little-endian): no BigInt per row.
  const id = new BigInt64Array(n);
  const idWords = new Uint32Array(id.buffer);
  const key = new Int32Array(n);
  const price = new Float64Array(n);
  const ts = new BigInt64Array(n);
  const tsWords = new Uint32Array(ts.buffer);
  const qty = new Int32Array(n);
  const qtyValid = new Uint8Array((n + 7) >> 3);
  const hashes = new Uint32Array(n);
  let qtyNulls = 0;
  for (let k = 0; k < n; k++) {
    const i = start + k;
    const h = Math.imul(i ^ (i >>> 15), 0x2c1b3c6d) >>> 0;
    hashes[k] = h;
    idWords[2 * k] = i;
    key[k] = h % 100_000;
    price[k] = (h % 10_000_000) / 100;
    const micros = 1_704_067_200_000_000 + i * 1_000_000 + (h % 1_000_000); // < 2^53: exact
    tsWords[2 * k] = micros % 2 ** 32;
    tsWords[2 * k + 1] = Math.floor(micros / 2 ** 32);
    if (h % 10 === 0) qtyNulls++;
    else {
      qty[k] = h % 1000;
      qtyValid[k >> 3] |= 1 << (k & 7);
    }
  }
  const cat = asciiVector(n, 16, (k, out, at) => CATEGORIES[hashes[k] % 50].copy(out, at));
  const note = asciiVector(n, 40, (k, out, at) =>
    out.write(`note ${hashes[k].toString(36)} ${(start + k).toString(36)}`, at, 'latin1'),
  );
  const qtyData = arrow.makeData({
    type: new arrow.Int32(),
    length: n,
    data: qty,
    nullBitmap: qtyValid,
    nullCount: qtyNulls,
  });
  return new arrow.Table({
    id: arrow.makeVector(id),
    key: arrow.makeVector(key),
    cat,
    price: arrow.makeVector(price),
    qty: arrow.makeVector(qtyData),
    ts: arrow.makeVector(arrow.makeData({ type: new arrow.TimestampMicrosecond(), length: n, data: ts })),
    note,
  });
}

/** Streams `rows` generated rows through ParquetWriter in batches; peak RSS sampled after each tenth. */
async function measureStream([, rowsText, output, rowGroupText]) {
  const { ParquetWriter } = await import('../dist/src/parquet/index.js');
  const rows = Number(rowsText);
  const rowGroupSize = Number(rowGroupText);
  const batchRows = 100_000;
  // One row group's worth of Arrow buffers, what "bounded by one row group" is measured against: scaled up from one
  // batch (building a whole row group here would itself raise the process's peak RSS).
  const probe = generatedBatch(0, batchRows);
  const rowGroupArrowBytes = (probe.batches[0].data.byteLength * rowGroupSize) / batchRows;
  const schema = probe.schema;
  const rssBeforeWrite = process.memoryUsage().rss;
  // threads: 1, the bound this figure checks (one row group buffered): with more threads (the default, the cores)
  // the writer buffers the next row group while the pool encodes the last, two row groups in all.
  const writer = await ParquetWriter.open(output, schema, {
    codec: 'snappy',
    rowGroupSize,
    overwrite: true,
    threads: 1,
  });
  const peaks = [];
  const start = performance.now();
  for (let done = 0; done < rows; done += batchRows) {
    await writer.write(generatedBatch(done, Math.min(batchRows, rows - done)));
    if ((done + batchRows) % (rows / 10) === 0) peaks.push(peakRss());
  }
  const footer = await writer.close();
  const ms = performance.now() - start;
  return {
    ok: true,
    ms,
    peakRss: peakRss(),
    rssBeforeWrite,
    rowGroupArrowBytes,
    peaksByTenth: peaks,
    rowGroups: footer.rowGroups.length,
    rowsWritten: Number(footer.numRows),
    bytes: statSync(output).size,
  };
}

await reportChildOutcome((argv) => (argv[0] === 'tessera-stream' ? measureStream(argv) : measureTable(argv)));
