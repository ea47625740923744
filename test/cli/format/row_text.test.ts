import { Field, Float64, Int64, makeData, RecordBatch, Schema, Struct, Utf8 } from 'apache-arrow';
import t from 'tap';
import { CsvRows, csvField, NdjsonRows, rowTextFormat } from '../../../src/cli/format/row_text.js';

function sampleBatch(): RecordBatch {
  const strings = ['plain', 'a,b', 'say "hi"', 'two\nlines', ''];
  const encoded = strings.map((s) => Buffer.from(s));
  const offsets = new Int32Array(strings.length + 1);
  encoded.forEach((b, i) => {
    offsets[i + 1] = offsets[i]! + b.length;
  });
  const schema = new Schema([
    new Field('id', new Int64(), false),
    new Field('name', new Utf8(), true),
    new Field('x', new Float64(), true),
  ]);
  const id = makeData({ type: new Int64(), length: 5, data: new BigInt64Array([1n, 2n, 9007199254740993n, -4n, 5n]) });
  const name = makeData({
    type: new Utf8(),
    length: 5,
    valueOffsets: offsets,
    data: Uint8Array.from(Buffer.concat(encoded)),
    nullBitmap: new Uint8Array([0b10111]),
  });
  const x = makeData({
    type: new Float64(),
    length: 5,
    data: new Float64Array([1.5, Number.NaN, 0, -0, 2]),
    nullBitmap: new Uint8Array([0b01111]),
  });
  const data = makeData({ type: new Struct(schema.fields), length: 5, children: [id, name, x] });
  return new RecordBatch(schema, data);
}

t.test('ndjson: one object per row, keys in schema order', async (t) => {
  const batch = sampleBatch();
  const format = new NdjsonRows(batch.schema);
  t.equal(format.header(), '');
  t.equal(
    format.rows(batch, 0, 5),
    [
      '{"id":1,"name":"plain","x":1.5}',
      '{"id":2,"name":"a,b","x":"NaN"}',
      '{"id":9007199254740993,"name":"say \\"hi\\"","x":0}',
      '{"id":-4,"name":null,"x":-0}',
      '{"id":5,"name":"","x":null}',
      '',
    ].join('\n'),
  );
  t.equal(format.rows(batch, 1, 2), '{"id":2,"name":"a,b","x":"NaN"}\n');
  t.equal(format.rows(batch, 3, 3), '');
});

t.test('csv: header, RFC 4180 quoting, null as empty field, empty string quoted', async (t) => {
  const batch = sampleBatch();
  const format = rowTextFormat('csv', batch.schema);
  t.ok(format instanceof CsvRows);
  t.equal(format.header(), 'id,name,x\n');
  t.equal(
    format.rows(batch, 0, 5),
    ['1,plain,1.5', '2,"a,b",NaN', '9007199254740993,"say ""hi""",0', '-4,,-0', '5,"",', ''].join('\n'),
  );
});

t.test('csv fields', async (t) => {
  t.equal(csvField(null), '');
  t.equal(csvField(''), '""');
  t.equal(csvField('x'), 'x');
  t.equal(csvField('a\rb'), '"a\rb"');
  t.equal(csvField('[1,2]'), '"[1,2]"');
  t.equal(csvField(' padded '), ' padded ');
});

t.test('csv header names are quoted when needed; nested values are JSON text', async (t) => {
  const inner = new Struct([new Field('a', new Int64(), true)]);
  const schema = new Schema([new Field('s,1', inner, true)]);
  const child = makeData({ type: new Int64(), length: 1, data: new BigInt64Array([7n]) });
  const s = makeData({ type: inner, length: 1, children: [child] });
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 1, children: [s] }));
  const csv = rowTextFormat('csv', schema);
  t.equal(csv.header() + csv.rows(batch, 0, 1), '"s,1"\n"{""a"":7}"\n');
  t.equal(rowTextFormat('ndjson', schema).rows(batch, 0, 1), '{"s,1":{"a":7}}\n');
});

t.test('zero columns', async (t) => {
  const schema = new Schema([]);
  const batch = new RecordBatch(schema, makeData({ type: new Struct([]), length: 2, children: [] }));
  t.equal(rowTextFormat('ndjson', schema).rows(batch, 0, 2), '{}\n{}\n');
});
