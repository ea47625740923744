import t from 'tap';
import { inspectReport, renderInspectText } from '../../src/cli/inspect.js';
import { fixtureFooter } from './footer.js';

t.test('JSON report of a real file (Spark decimal in FIXED_LEN_BYTE_ARRAY, deprecated statistics)', async (t) => {
  const { metadata, schema } = fixtureFooter('fixed_length_decimal.parquet');
  const report = inspectReport('fixed_length_decimal.parquet', metadata, schema);
  t.same(JSON.parse(JSON.stringify(report)), {
    file: 'fixed_length_decimal.parquet',
    numRows: 24,
    numRowGroups: 1,
    numColumns: 1,
    formatVersion: 1,
    createdBy: 'parquet-mr version 1.8.2 (build c6522788629e590a53eb79874b95f6c3ff11f16c)',
    keyValueMetadataKeys: ['org.apache.spark.sql.parquet.row.metadata'],
    rowGroups: [
      {
        index: 0,
        numRows: 24,
        totalByteSize: 319,
        totalCompressedSize: null,
        columns: [
          {
            path: 'value',
            physicalType: 'FIXED_LEN_BYTE_ARRAY',
            logicalType: 'DECIMAL(25,2)',
            encodings: ['BIT_PACKED', 'RLE', 'PLAIN'],
            codec: 'UNCOMPRESSED',
            numValues: 24,
            compressedSize: 319,
            uncompressedSize: 319,
            dataPageOffset: 4,
            dictionaryPageOffset: null,
            statistics: { nullCount: 0, distinctCount: null, min: '2.00', max: '24.00', deprecatedMinMax: true },
          },
        ],
      },
    ],
  });
});

t.test('text report: summary and an aligned table per row group', async (t) => {
  const { metadata, schema } = fixtureFooter('alltypes_tiny_pages.parquet');
  const text = renderInspectText(inspectReport('tiny.parquet', metadata, schema));
  const lines = text.split('\n');
  t.same(lines.slice(0, 9), [
    'file: tiny.parquet',
    'rows: 7300',
    'row groups: 1',
    'columns: 13',
    'format version: 1',
    'created by: parquet-mr version 1.12.0-SNAPSHOT (build 6901a2040848c6b37fa61f4b0a76246445f396db)',
    'key-value metadata: writer.model.name',
    '',
    'row group 0: 7300 rows, 323579 bytes',
  ]);
  t.equal(
    lines[9],
    '  column           type                    encodings                        codec         values  compressed  uncompressed  nulls  min         max',
  );
  t.equal(
    lines[10],
    '  id               INT32                   PLAIN,RLE,BIT_PACKED             UNCOMPRESSED  7300    37325       37325         0      0           7299',
  );
  t.equal(
    lines[18],
    '  date_string_col  BYTE_ARRAY STRING       RLE,PLAIN_DICTIONARY,BIT_PACKED  UNCOMPRESSED  7300    42118       42118         0      "01/01/09"  "12/31/10"',
  );
  t.equal(lines.at(-1), '');
});

t.test('long statistics are clipped in text, complete in JSON', async (t) => {
  const { metadata, schema } = fixtureFooter('alltypes_tiny_pages.parquet');
  const chunk = metadata.rowGroups[0]!.columns[9]!.metaData!;
  const long = Uint8Array.from(Buffer.from('x'.repeat(100)));
  chunk.statistics = { minValue: long, maxValue: long, nullCount: 0 };
  const report = inspectReport('f', metadata, schema);
  t.equal(report.rowGroups[0]!.columns[9]!.statistics!.min, 'x'.repeat(100));
  t.match(renderInspectText(report), ` "${'x'.repeat(38)}…`);
});
