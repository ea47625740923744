// Remote-read benchmark (issue 3, "Targets"): reads the projection columns of the bench file over HTTP from a local
// Range server and checks the target: at most 1.2x the bytes of those column chunks plus the footer, in at most
// (row groups + 2) requests. Also prints wall time, next to a local read of the same columns.
// The server runs in a worker thread so that it does not share the reader's event loop.
// Usage: node bench/http.mjs [--quick] [--file PATH] [--columns price,cat] [--runs N] [--latency MS]
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DATASETS, dataFile, PROJECTION } from './datasets.mjs';

if (isMainThread) await main();
else await serve(workerData);

async function main() {
  const { values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      file: { type: 'string' },
      columns: { type: 'string', default: PROJECTION.join(',') },
      runs: { type: 'string', default: '3' },
      latency: { type: 'string', default: '0' },
    },
  });
  const path = args.file ?? pickFile(args.quick);
  const columns = args.columns.split(',').filter(Boolean);
  const runs = Number(args.runs);
  const latencyMs = Number(args.latency);
  const { ParquetFile, readTable } = await import('../dist/src/parquet/index.js');

  const expected = await expectedBytes(ParquetFile, path, columns);
  const server = await startServer(path, latencyMs);
  try {
    const results = [];
    for (let run = 0; run < runs; run++) {
      await server.reset();
      const start = performance.now();
      const table = await readTable(server.url, { columns });
      const ms = performance.now() - start;
      const { requests, bytes } = await server.counts();
      results.push({ ms, requests, bytes, rows: table.numRows });
    }
    const localMs = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await readTable(path, { columns });
      localMs.push(performance.now() - start);
    }
    report({ path, columns, latencyMs, expected, results, localMs });
  } finally {
    await server.close();
  }
}

function pickFile(quick) {
  const full = dataFile(DATASETS.full, 'snappy');
  const small = dataFile(DATASETS.quick, 'snappy');
  if (!quick && existsSync(full)) return full;
  if (existsSync(small)) return small;
  throw new Error(`no bench file: run \`node bench/generate.mjs${quick ? ' --quick' : ''}\` first`);
}

/** Bytes of the selected column chunks over all row groups, the footer (with its 8-byte trailer), row groups. */
async function expectedBytes(ParquetFile, path, columns) {
  const file = await ParquetFile.open(path);
  try {
    let chunks = 0;
    for (const rowGroup of file.rowGroups) {
      for (const column of file.schema.columns) {
        if (columns.includes(column.name) || columns.includes(column.path[0])) {
          chunks += rowGroup.columns[column.columnIndex].metaData.totalCompressedSize;
        }
      }
    }
    const tail = await file.source.read(file.source.byteLength - 8, 8);
    const footer = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true) + 8;
    return {
      chunks,
      footer,
      rowGroups: file.rowGroups.length,
      numRows: file.numRows,
      fileBytes: file.source.byteLength,
    };
  } finally {
    await file.close();
  }
}

function report({ path, columns, latencyMs, expected, results, localMs }) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const last = results[results.length - 1];
  const limitBytes = 1.2 * (expected.chunks + expected.footer);
  const limitRequests = expected.rowGroups + 2;
  const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
  const rowsOk = results.every((r) => r.rows === expected.numRows);
  const bytesOk = results.every((r) => r.bytes <= limitBytes);
  const requestsOk = results.every((r) => r.requests <= limitRequests);
  console.log(
    `file       ${path} (${mb(expected.fileBytes)}, ${expected.rowGroups} row groups, ${expected.numRows} rows)`,
  );
  console.log(`columns    ${columns.join(', ')}${latencyMs ? `   (server latency ${latencyMs} ms per request)` : ''}`);
  console.log(`chunks     ${mb(expected.chunks)} + footer ${expected.footer} B`);
  console.log(
    `fetched    ${mb(last.bytes)} = ${(last.bytes / (expected.chunks + expected.footer)).toFixed(4)}x chunks+footer` +
      `  (target <= 1.2x: ${bytesOk ? 'met' : 'MISSED'})`,
  );
  console.log(
    `requests   ${last.requests} for ${expected.rowGroups} row groups` +
      `  (target <= ${limitRequests}: ${requestsOk ? 'met' : 'MISSED'})`,
  );
  console.log(`rows       ${last.rows} ${rowsOk ? '(all read)' : '(WRONG)'}`);
  console.log(
    `wall time  http median ${median(results.map((r) => r.ms)).toFixed(0)} ms ` +
      `[${results.map((r) => r.ms.toFixed(0)).join(', ')}], ` +
      `local median ${median(localMs).toFixed(0)} ms [${localMs.map((x) => x.toFixed(0)).join(', ')}]`,
  );
  if (!(rowsOk && bytesOk && requestsOk)) process.exitCode = 1;
}

/** Starts the Range server in a worker thread; resolves its URL and controls. */
async function startServer(path, latencyMs) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { path, latencyMs } });
  const replies = [];
  worker.on('message', (message) => replies.shift()?.(message));
  const ask = (type) =>
    new Promise((resolve) => {
      replies.push(resolve);
      worker.postMessage({ type });
    });
  const { port } = await new Promise((resolve, reject) => {
    replies.push(resolve);
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}/bench.parquet`,
    reset: () => ask('reset'),
    counts: () => ask('counts'),
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}

/** Worker side: serves `path` with single-range support, counting requests and body bytes. */
async function serve({ path, latencyMs }) {
  const fd = openSync(path, 'r');
  const { size } = fstatSync(fd);
  let requests = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    requests++;
    setTimeout(() => {
      const match = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      if (!match) {
        res.writeHead(416).end();
        return;
      }
      const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
      const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
      const body = Buffer.allocUnsafe(end - start + 1);
      readSync(fd, body, 0, body.length, start);
      bytes += body.length;
      res.writeHead(206, { 'content-length': body.length, 'content-range': `bytes ${start}-${end}/${size}` });
      res.end(body);
    }, latencyMs);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  parentPort.on('message', ({ type }) => {
    if (type === 'reset') {
      requests = 0;
      bytes = 0;
      parentPort.postMessage({});
    } else if (type === 'counts') {
      parentPort.postMessage({ requests, bytes });
    } else if (type === 'close') {
      server.closeAllConnections();
      server.close();
      closeSync(fd);
      parentPort.postMessage({});
    }
  });
  parentPort.postMessage({ port: server.address().port });
}
