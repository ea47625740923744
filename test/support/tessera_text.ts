// The tessera side of the conformance tests: a file read by readTable and written as `cat --format ndjson` writes it.
import type { Test } from 'tap';
import { NdjsonRows } from '../../src/cli/format/row_text.js';
import { main } from '../../src/cli/main.js';
import { type ReadTableOptions, readTable } from '../../src/parquet/index.js';
import { captureIO } from '../cli/capture.js';

/** The ndjson lines (without "\n") of `path` read with `options`, through the CLI's row formatter. */
export async function tesseraLines(path: string, options: ReadTableOptions = {}): Promise<string[]> {
  const table = await readTable(path, options);
  const rows = new NdjsonRows(table.schema);
  let text = '';
  for (const batch of table.batches) text += rows.rows(batch, 0, batch.numRows);
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

/** What `tessera cat FILE ...args` writes, and its exit code. */
export async function catOutput(path: string, args: readonly string[] = []): Promise<{ code: number; stdout: string }> {
  const io = captureIO();
  const code = await main(['cat', path, ...args], io);
  if (io.stderr.text) throw new Error(`tessera cat ${path}: ${io.stderr.text}`);
  return { code, stdout: io.stdout.text };
}

/**
 * Asserts that `actual` and `expected` lines agree; reports the number of mismatches and the first few (row,
 * tessera's line, the expected line) so that a failure says where to look.
 */
export function sameLines(t: Test, actual: readonly string[], expected: readonly string[], what: string): void {
  t.equal(actual.length, expected.length, `${what}: row count`);
  const mismatches: { row: number; tessera: string | undefined; expected: string | undefined }[] = [];
  const n = Math.max(actual.length, expected.length);
  for (let row = 0; row < n; row++) {
    if (actual[row] !== expected[row]) mismatches.push({ row, tessera: actual[row], expected: expected[row] });
  }
  t.same(
    { count: mismatches.length, first: mismatches.slice(0, 3) },
    { count: 0, first: [] },
    `${what}: every value of ${n} rows`,
  );
}
