// One nested-bench measurement in a fresh process: node bench/nested-child.mjs <reader> <file> full nested
// (the argument shape of bench/measure.mjs). Prints one JSON line: {ok, ms, peakRss, rssBeforeRead, figures?, error?}.
// The readers are bench/readers/*.mjs; the figures (list elements, non-null struct fields, sums) are computed after
// the timed read and compared with DuckDB's.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DataType } from 'apache-arrow';
import { reportChildOutcome } from './measure.mjs';
import { compareNested, NESTED_ROWS } from './nested-data.mjs';
import { loadReader } from './readers/index.mjs';

const EXPECTED_FILE = new URL('./data/nested-expected.json', import.meta.url);

function emptyFigures() {
  return {
    rows: 0,
    lists: 0,
    elements: 0,
    elements_nonnull: 0,
    elements_sum: 0,
    structs: 0,
    a_count: 0,
    a_sum: 0,
    b_count: 0,
    b_length: 0,
    c_count: 0,
    c_sum: 0,
  };
}

function isValid(data, i) {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return true;
  const bit = data.offset + i;
  return (data.nullBitmap[bit >> 3] & (1 << (bit & 7))) !== 0;
}

function addArrowList(f, data) {
  if (!DataType.isList(data.type)) throw new Error(`column l has type ${data.type}, not List`);
  const offsets = data.valueOffsets;
  const child = data.children[0];
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) continue;
    f.lists++;
    const start = offsets[data.offset + i];
    const end = offsets[data.offset + i + 1];
    f.elements += end - start;
    for (let j = start; j < end; j++) {
      if (!isValid(child, j)) continue;
      f.elements_nonnull++;
      f.elements_sum += child.values[child.offset + j];
    }
  }
}

function addArrowStruct(f, data) {
  if (!DataType.isStruct(data.type)) throw new Error(`column s has type ${data.type}, not Struct`);
  const [a, b, c] = ['a', 'b', 'c'].map((name) => data.children[data.type.children.findIndex((x) => x.name === name)]);
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) continue;
    f.structs++;
    const row = data.offset + i;
    if (isValid(a, row)) {
      f.a_count++;
      f.a_sum += a.values[a.offset + row];
    }
    if (isValid(b, row)) {
      f.b_count++;
      f.b_length += b.valueOffsets[b.offset + row + 1] - b.valueOffsets[b.offset + row];
    }
    if (isValid(c, row)) {
      f.c_count++;
      f.c_sum += c.values[c.offset + row];
    }
  }
}

/** Figures of an apache-arrow Table with columns l and s (tessera, parquet-wasm). */
function arrowFigures(table) {
  const f = emptyFigures();
  f.rows = table.numRows;
  for (const data of table.getChild('l').data) addArrowList(f, data);
  for (const data of table.getChild('s').data) addArrowStruct(f, data);
  return f;
}

/** Figures of hyparquet's onChunk output: l chunks are arrays of (array | null), s chunks of (object | null). */
function hyparquetFigures(chunks) {
  const f = emptyFigures();
  for (const { columnData } of chunks.get('l')) {
    f.rows += columnData.length;
    for (const list of columnData) {
      if (list === null || list === undefined) continue;
      f.lists++;
      f.elements += list.length;
      for (const v of list) {
        if (v === null || v === undefined) continue;
        f.elements_nonnull++;
        f.elements_sum += v;
      }
    }
  }
  for (const { columnData } of chunks.get('s')) {
    for (const s of columnData) {
      if (s === null || s === undefined) continue;
      f.structs++;
      if (s.a != null) {
        f.a_count++;
        f.a_sum += s.a;
      }
      if (s.b != null) {
        f.b_count++;
        f.b_length += s.b.length;
      }
      if (s.c != null) {
        f.c_count++;
        f.c_sum += s.c;
      }
    }
  }
  return f;
}

async function measure([readerName, path]) {
  const expected = JSON.parse(readFileSync(EXPECTED_FILE, 'utf8'));
  const reader = await loadReader(readerName, { rowGroupSize: NESTED_ROWS });
  const rssBeforeRead = process.memoryUsage().rss;

  const start = performance.now();
  const result = await reader.read(path, null);
  const ms = performance.now() - start;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  const figures = readerName === 'hyparquet' ? hyparquetFigures(result) : arrowFigures(result);
  await reader.close?.();
  const problems = compareNested(figures, expected);
  if (problems.length > 0) return { ok: false, ms, peakRss, error: `wrong data: ${problems.join('; ')}` };
  return { ok: true, ms, peakRss, rssBeforeRead, figures };
}

await reportChildOutcome(measure);
