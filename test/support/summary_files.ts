// Writes `_metadata` / `_common_metadata` summary files for a dataset directory (DuckDB does not write them): every
// data file's footer, its row groups tagged with file_path, concatenated into one footer, as parquet-mr and pyarrow
// (`pyarrow.parquet.write_metadata`) do.
import { writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { ParquetFile } from '../../src/parquet/file.js';
import { encodeFileMetaData } from '../../src/parquet/metadata/decode.js';
import type { FileMetaData } from '../../src/parquet/metadata/types.js';

/** Writes `root/_metadata` (with row groups) and `root/_common_metadata` (schema only) for `files`. */
export async function writeSummaryFiles(root: string, files: readonly string[]): Promise<void> {
  let combined: FileMetaData | undefined;
  for (const path of files) {
    const file = await ParquetFile.open(path);
    await file.close();
    const filePath = relative(root, path).split(sep).join('/');
    const rowGroups = file.metadata.rowGroups.map((rg) => ({
      ...rg,
      columns: rg.columns.map((c) => ({ ...c, filePath })),
    }));
    combined = combined
      ? { ...combined, rowGroups: [...combined.rowGroups, ...rowGroups], numRows: combined.numRows + file.numRows }
      : { ...file.metadata, rowGroups, numRows: file.numRows };
  }
  if (!combined) throw new Error('no files');
  writeFileSync(`${root}/_metadata`, footerFile(combined));
  writeFileSync(`${root}/_common_metadata`, footerFile({ ...combined, rowGroups: [], numRows: 0 }));
}

/** A Parquet file with no data: magic, footer, footer length, magic. */
function footerFile(metadata: FileMetaData): Uint8Array {
  const footer = encodeFileMetaData(metadata);
  const out = new Uint8Array(footer.length + 12);
  const magic = new TextEncoder().encode('PAR1');
  out.set(magic, 0);
  out.set(footer, 4);
  new DataView(out.buffer).setUint32(4 + footer.length, footer.length, true);
  out.set(magic, 8 + footer.length);
  return out;
}
