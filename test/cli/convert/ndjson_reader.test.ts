import t from 'tap';
import { InputError } from '../../../src/cli/convert/input_error.js';
import { type NdjsonReadOptions, openNdjson } from '../../../src/cli/convert/ndjson_reader.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, options: NdjsonReadOptions = {}, chunk = 5) {
  const source = await openNdjson(chunksOf(text, chunk), options);
  const rows: unknown[] = [];
  const sizes: number[] = [];
  for await (const batch of source.batches()) {
    sizes.push(batch.numRows);
    for (const row of batch.toArray()) rows.push(JSON.parse(JSON.stringify(row.toJSON(), jsonSafe)));
  }
  await source.close();
  return { fields: source.schema.fields.map((f) => `${f.name}: ${f.type}`), rows, sizes };
}

/** Arrow rows hold bigints, nested vectors and struct rows: plain JSON for comparing (bigints as strings). */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return value.toJSON();
  }
  return value;
}

async function readError(text: string, options: NdjsonReadOptions = {}): Promise<InputError> {
  try {
    await read(text, options);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

t.test('scalars: BIGINT, DOUBLE (mixed int/float), BOOLEAN, VARCHAR; missing keys and nulls are null', async (t) => {
  const { fields, rows } = await read('{"i":1,"f":1,"b":true,"s":"x"}\n{"i":-2,"f":2.5,"s":null}\n\n{"b":false}\n');
  t.same(fields, ['i: Int64', 'f: Float64', 'b: Bool', 's: Utf8']);
  t.same(rows, [
    { i: '1n', f: 1, b: true, s: 'x' },
    { i: '-2n', f: 2.5, b: null, s: null },
    { i: null, f: null, b: false, s: null },
  ]);
});

t.test('nested objects become structs and arrays lists, merged across rows', async (t) => {
  const text = [
    '{"p":{"x":1,"tags":["a"]},"l":[1,2]}',
    '{"p":{"y":"z","x":null},"l":[3.5,null]}',
    '{"p":null,"l":[],"ll":[[1],[2,3]]}',
  ].join('\n');
  const { fields, rows } = await read(text);
  t.same(fields, ['p: Struct<{x:Int64, tags:List<Utf8>, y:Utf8}>', 'l: List<Float64>', 'll: List<List<Int64>>']);
  t.same(rows, [
    { p: { x: '1n', tags: ['a'], y: null }, l: [1, 2], ll: null },
    { p: { x: null, tags: null, y: 'z' }, l: [3.5, null], ll: null },
    { p: null, l: [], ll: [['1n'], ['2n', '3n']] },
  ]);
});

t.test('conflicting kinds, empty objects and all-null fields are VARCHAR (JSON text)', async (t) => {
  const { fields, rows } = await read('{"m":1,"e":{},"n":null}\n{"m":"one","e":{},"n":null}\n{"m":[1,{"a":2}]}\n');
  t.same(fields, ['m: Utf8', 'e: Utf8', 'n: Utf8']);
  t.same(
    rows.map((r) => (r as { m: string }).m),
    ['1', 'one', '[1,{"a":2}]'],
  );
  t.same(
    rows.map((r) => (r as { e: string }).e),
    ['{}', '{}', null],
  );
});

t.test('integers beyond 2^53 stay exact; beyond int64 they are DOUBLE', async (t) => {
  const { fields, rows } = await read(
    '{"a":9007199254740993,"b":18446744073709551616}\n{"a":-9223372036854775808,"b":1}\n',
  );
  t.same(fields, ['a: Int64', 'b: Float64']);
  t.same(rows, [
    { a: '9007199254740993n', b: 2 ** 64 },
    { a: '-9223372036854775808n', b: 1 },
  ]);
});

t.test('CRLF line ends, and a last line without a line break', async (t) => {
  const { rows } = await read('{"a":"x"}\r\n{"a":"y"}');
  t.same(rows, [{ a: 'x' }, { a: 'y' }]);
});

t.test('batches are bounded by batchRows', async (t) => {
  const text = Array.from({ length: 23 }, (_, i) => `{"n":${i}}`).join('\n');
  const { sizes, rows } = await read(text, { batchRows: 10, sampleRows: 3 });
  t.same(sizes, [10, 10, 3]);
  t.equal(rows.length, 23);
});

t.test('errors carry the line number', async (t) => {
  const bad = await readError('{"a":1}\n\n{"a":2,}\n');
  t.same(bad.location, { line: 3 });
  t.match(bad.message, /^line 3: invalid JSON: /);

  const badExact = await readError('{"a":1}\n{"a":12345678901234567890,}\n');
  t.same(badExact.location, { line: 2 });
  t.match(badExact.message, /^line 2: invalid JSON: expected a property name at position 26$/);

  const notObject = await readError('{"a":1}\n[1,2]\n');
  t.match(notObject.message, /^line 2: expected a JSON object per line, found an array$/);

  const late = await readError('{"a":1}\n{"a":2}\n{"a":"three"}\n', { sampleRows: 2 });
  t.same(late.location, { line: 3, column: 'a' });
  t.match(
    late.message,
    /^line 3, column "a": "three" is not a BIGINT, the type inferred for it from the first 2 lines$/,
  );

  const nested = await readError('{"p":{"q":[1]}}\n{"p":{"q":[1,"x"]}}\n', { sampleRows: 1 });
  t.same(nested.location, { line: 2, column: 'p.q[1]' });

  const fraction = await readError('{"a":1}\n{"a":1.5}\n', { sampleRows: 1 });
  t.match(fraction.message, /1\.5 is not a BIGINT/);

  const newKey = await readError('{"a":1}\n{"a":1,"b":2}\n', { sampleRows: 1 });
  t.match(newKey.message, /^line 2, column "b": field "b" is not in the schema inferred from the first 1 lines$/);

  t.match((await readError('\n\n')).message, /empty input/);
  t.match((await readError('{}\n')).message, /no fields/);
});
