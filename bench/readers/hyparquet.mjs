// hyparquet with columnar output: parquetRead's onChunk hands over each column chunk as decoded, so no row objects are
// built (onComplete would transpose to rows). Codecs from hyparquet-compressors (snappy, zstd, ...).
import { readFile } from 'node:fs/promises';
import { parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { COLUMN_KINDS, ColumnChecksum } from '../stats/column-stats.mjs';

async function readColumns(path, columns) {
  const bytes = await readFile(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const chunks = new Map();
  await parquetRead({
    file,
    columns: columns ?? undefined,
    compressors,
    onChunk({ columnName, columnData, rowStart }) {
      if (!chunks.has(columnName)) chunks.set(columnName, []);
      chunks.get(columnName).push({ rowStart, columnData });
    },
  });
  return chunks;
}

function checksums(chunks) {
  const result = { rows: 0, columns: {} };
  for (const [name, list] of chunks) {
    const checksum = new ColumnChecksum(COLUMN_KINDS[name] ?? 'number');
    let rows = 0;
    for (const { columnData } of list) {
      rows += columnData.length;
      for (let i = 0; i < columnData.length; i++) {
        const v = columnData[i];
        if (v !== null && v !== undefined) checksum.add(v);
      }
    }
    result.rows = Math.max(result.rows, rows);
    result.columns[name] = checksum.result();
  }
  return result;
}

/** hyparquet, one thread, file read into memory first (part of the timed work). */
export async function createReader() {
  return { read: readColumns, checksums };
}
