// A minimal Parquet file for codec interoperability tests: one required INT64 column, one row group, one PLAIN
// DATA_PAGE (v1, no levels since the column is required) whose body is compressed by the caller. Written by hand
// from the thrift structs so codec tests need no writer.

import { Encoding, FieldRepetitionType, PageType, Type } from '../../src/parquet/metadata/enums.js';
import { FileMetaDataSpec, PageHeaderSpec } from '../../src/parquet/metadata/structs.js';
import { encodeStruct } from '../../src/parquet/metadata/thrift_writer.js';

const MAGIC = new TextEncoder().encode('PAR1');

/** The file bytes of column `v` = `values`, its one page compressed by `compress` under `codec`. */
export function singlePageParquet(
  values: BigInt64Array,
  codec: number,
  compress: (plain: Uint8Array) => Uint8Array,
): Uint8Array {
  const plain = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const body = compress(plain);
  const header = encodeStruct(PageHeaderSpec, {
    type: PageType.DATA_PAGE,
    uncompressedPageSize: plain.length,
    compressedPageSize: body.length,
    dataPageHeader: {
      numValues: values.length,
      encoding: Encoding.PLAIN,
      definitionLevelEncoding: Encoding.RLE,
      repetitionLevelEncoding: Encoding.RLE,
    },
  });
  const dataPageOffset = MAGIC.length;
  const chunkLength = header.length + body.length;
  const footer = encodeStruct(FileMetaDataSpec, {
    version: 1,
    schema: [
      { name: 'schema', numChildren: 1 },
      { name: 'v', type: Type.INT64, repetitionType: FieldRepetitionType.REQUIRED },
    ],
    numRows: values.length,
    rowGroups: [
      {
        columns: [
          {
            fileOffset: dataPageOffset,
            metaData: {
              type: Type.INT64,
              encodings: [Encoding.PLAIN],
              pathInSchema: ['v'],
              codec,
              numValues: values.length,
              totalUncompressedSize: header.length + plain.length,
              totalCompressedSize: chunkLength,
              dataPageOffset,
            },
          },
        ],
        totalByteSize: header.length + plain.length,
        numRows: values.length,
      },
    ],
    createdBy: 'tessera codec tests',
  });
  const parts = [MAGIC, header, body, footer, footerLength(footer.length), MAGIC];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

function footerLength(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}
