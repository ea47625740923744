// Checksums and buffer sizes of an apache-arrow Table, read straight from its Data buffers (no per-row objects, so the
// check adds little to the reader's peak RSS).
import { DataType, Type } from 'apache-arrow';
import { COLUMN_KINDS, ColumnChecksum } from './column-stats.mjs';

function isValid(data, i) {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return true;
  const bit = data.offset + i;
  return (data.nullBitmap[bit >> 3] & (1 << (bit & 7))) !== 0;
}

function stringLengths(data) {
  const offsets = data.valueOffsets;
  return (i) => Number(offsets[i + 1]) - Number(offsets[i]);
}

// Timestamps are compared in whole milliseconds, as DuckDB's epoch_ms and hyparquet's Date give them.
function timestampToMs(unit) {
  const perMs = [1 / 1000, 1, 1000, 1_000_000][unit];
  return (v) => Math.floor(Number(v) / perMs);
}

function addData(checksum, data) {
  const type = data.type;
  if (DataType.isDictionary(type)) {
    if (checksum.kind !== 'string') throw new Error(`dictionary-encoded ${checksum.kind} column is not checked`);
    const lengths = [];
    for (const d of data.dictionary.data) {
      const length = stringLengths(d);
      for (let i = 0; i < d.length; i++) lengths.push(length(d.offset + i));
    }
    for (let i = 0; i < data.length; i++) {
      if (!isValid(data, i)) continue;
      checksum.count++;
      checksum.length += lengths[data.values[data.offset + i]];
    }
    return;
  }
  if (checksum.kind === 'string') {
    if (!data.valueOffsets) throw new Error(`string column has type ${type}, not Utf8/LargeUtf8`);
    const length = stringLengths(data);
    for (let i = 0; i < data.length; i++) {
      if (!isValid(data, i)) continue;
      checksum.count++;
      checksum.length += length(data.offset + i);
    }
    return;
  }
  const values = data.values;
  const stride = data.stride ?? 1;
  if (stride !== 1)
    throw new Error(`column of type ${type} has stride ${stride}; the harness expects one word per value`);
  const toMs = checksum.kind === 'timestamp' ? timestampToMs(type.typeId === Type.Timestamp ? type.unit : 1) : null;
  for (let i = 0; i < data.length; i++) {
    if (!isValid(data, i)) continue;
    const v = values[data.offset + i];
    checksum.add(toMs ? toMs(v) : v);
  }
}

/** Checksums ({columnName: checksum}) of every column of the table, plus its row count. */
export function arrowTableChecksums(table) {
  const columns = {};
  for (const field of table.schema.fields) {
    const kind = COLUMN_KINDS[field.name];
    if (!kind) throw new Error(`unexpected column ${field.name}`);
    const checksum = new ColumnChecksum(kind);
    for (const data of table.getChild(field.name).data) addData(checksum, data);
    columns[field.name] = checksum.result();
  }
  return { rows: table.numRows, columns };
}

function dataBytes(data, seen) {
  let bytes = 0;
  for (const buffer of [data.values, data.valueOffsets, data.nullBitmap, data.typeIds]) {
    if (!buffer || seen.has(buffer)) continue;
    seen.add(buffer);
    bytes += buffer.byteLength;
  }
  for (const child of data.children ?? []) bytes += dataBytes(child, seen);
  for (const dictionaryData of data.dictionary?.data ?? []) bytes += dataBytes(dictionaryData, seen);
  return bytes;
}

/** Sum of the byteLengths of every buffer of the table (the decoded size the RSS target is measured against). */
export function arrowTableBytes(table) {
  const seen = new Set();
  let bytes = 0;
  for (const batch of table.batches) bytes += dataBytes(batch.data, seen);
  return bytes;
}
