import type { RecordBatch } from 'apache-arrow';
import t from 'tap';
import { type CsvReadOptions, openCsv } from '../../../src/cli/convert/csv_reader.js';
import { parseCsvValue } from '../../../src/cli/convert/csv_types.js';
import { InputError } from '../../../src/cli/convert/input_error.js';
import { textChunks } from '../../../src/cli/convert/text_chunks.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Reads `text` (fed in chunks of `chunk` characters) and returns types, rows as plain objects, batch sizes. */
async function read(text: string, options: CsvReadOptions = {}, chunk = 7) {
  const source = await openCsv(chunksOf(text, chunk), options);
  const rows: Record<string, unknown>[] = [];
  const sizes: number[] = [];
  for await (const batch of source.batches()) {
    sizes.push(batch.numRows);
    rows.push(...plainRows(batch));
  }
  await source.close();
  return { types: source.columnTypes, fields: source.schema.fields.map((f) => `${f.name}: ${f.type}`), rows, sizes };
}

function plainRows(batch: RecordBatch): Record<string, unknown>[] {
  return batch.toArray().map((row) => ({ ...row.toJSON() }));
}

async function readError(text: string, options: CsvReadOptions = {}): Promise<InputError> {
  try {
    await read(text, options);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

t.test('infers BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ and VARCHAR', async (t) => {
  const csv = [
    'i,d,b,day,ts,tz,s',
    '1,1.5,true,2024-01-31,2024-01-31 12:34:56,2024-01-31T12:00:00Z,x',
    '-9223372036854775808,2,FALSE,1970-01-01,1970-01-01T00:00:00.123456,2024-01-31 12:00:00+01:00,1',
    '9223372036854775807,-1e3,True,2000-02-29,2000-02-29 23:59,2024-01-31 12:00:00-0230,true',
  ].join('\n');
  const { types, rows } = await read(csv);
  t.same(types, ['BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'TIMESTAMPTZ', 'VARCHAR']);
  t.same(
    rows.map((r) => r.i),
    [1n, -9223372036854775808n, 9223372036854775807n],
  );
  t.same(
    rows.map((r) => r.d),
    [1.5, 2, -1000],
  );
  t.same(
    rows.map((r) => r.b),
    [true, false, true],
  );
  t.same(
    rows.map((r) => r.day),
    [Date.UTC(2024, 0, 31), 0, Date.UTC(2000, 1, 29)],
  );
  t.same(
    rows.map((r) => r.ts),
    [Date.UTC(2024, 0, 31, 12, 34, 56), 123.456, Date.UTC(2000, 1, 29, 23, 59)],
  );
  t.same(
    rows.map((r) => r.tz),
    [Date.UTC(2024, 0, 31, 12), Date.UTC(2024, 0, 31, 11), Date.UTC(2024, 0, 31, 14, 30)],
  );
  t.same(
    rows.map((r) => r.s),
    ['x', '1', 'true'],
  );
});

t.test('widening: integers and decimals make DOUBLE, dates and timestamps make TIMESTAMP, else VARCHAR', async (t) => {
  const { types } = await read(
    'a,b,c,d,e,f\n1,2024-01-01,1,2024-01-01,inf,\n2.5,2024-01-01 10:00:00,x,2024-01-01Z,NaN,\n',
  );
  t.same(types, ['DOUBLE', 'TIMESTAMP', 'VARCHAR', 'VARCHAR', 'DOUBLE', 'VARCHAR']);
});

t.test('integers beyond int64 are DOUBLE; invalid dates are VARCHAR', async (t) => {
  const { types } = await read('a,b,c\n9223372036854775808,2024-02-30,2023-13-01 00:00:00\n');
  t.same(types, ['DOUBLE', 'VARCHAR', 'VARCHAR']);
});

t.test('RFC 4180 quoting: commas, doubled quotes, line breaks; CRLF and CR record ends', async (t) => {
  const csv = 'name,text\r\n"a,b","say ""hi"""\r\n"multi\nline","x"\rplain,"a\r\nb"\r\n';
  for (const chunk of [1, 2, 3, 1000]) {
    const { rows } = await read(csv, {}, chunk);
    t.same(
      rows,
      [
        { name: 'a,b', text: 'say "hi"' },
        { name: 'multi\nline', text: 'x' },
        { name: 'plain', text: 'a\r\nb' },
      ],
      `chunks of ${chunk}`,
    );
  }
});

t.test('an empty field is null, a quoted empty field is the empty string (null for non-text types)', async (t) => {
  const { types, rows } = await read('s,n\n"",\n,"7"\nx,""\n');
  t.same(types, ['VARCHAR', 'BIGINT']);
  t.same(rows, [
    { s: '', n: null },
    { s: null, n: 7n },
    { s: 'x', n: null },
  ]);
});

t.test('a column with only nulls is VARCHAR; blank lines are skipped unless there is one column', async (t) => {
  const wide = await read('a,b\n1,\n\n2,\n');
  t.same(wide.types, ['BIGINT', 'VARCHAR']);
  t.same(wide.rows, [
    { a: 1n, b: null },
    { a: 2n, b: null },
  ]);
  const narrow = await read('\n\r\na\n1\n\n2\n');
  t.same(
    narrow.rows.map((r) => r.a),
    [1n, null, 2n],
  );
});

t.test('header: a BOM is not part of the first name; empty and repeated names are made unique', async (t) => {
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield Uint8Array.of(0xef, 0xbb);
    yield Buffer.from('\xbfx,,x,"",x\n1,2,3,4,5\n', 'latin1');
  }
  const source = await openCsv(textChunks('in.csv', undefined, bytes()));
  t.same(
    source.schema.fields.map((f) => f.name),
    ['x', 'column1', 'x_1', 'column3', 'x_2'],
  );
});

t.test('a header without rows gives VARCHAR columns and no batch', async (t) => {
  const { types, sizes } = await read('a,b\n');
  t.same(types, ['VARCHAR', 'VARCHAR']);
  t.same(sizes, []);
});

t.test('batches are bounded by batchRows; the sample rows come first', async (t) => {
  const lines = ['n'];
  for (let i = 0; i < 25; i++) lines.push(String(i));
  const { rows, sizes } = await read(lines.join('\n'), { batchRows: 10, sampleRows: 4 });
  t.same(sizes, [10, 10, 5]);
  t.same(
    rows.map((r) => r.n),
    Array.from({ length: 25 }, (_, i) => BigInt(i)),
  );
});

t.test('errors name the line (where the record starts) and the column', async (t) => {
  const late = await readError('id,v\n1,a\n2,b\n"x\ny",c\n3,d\nz,e\n', { sampleRows: 2 });
  t.equal(late.location.line, 4);
  t.equal(late.location.column, 'id');
  t.match(late.message, /^line 4, column "id": "x\\ny" is not a BIGINT, the type inferred .* first 2 rows$/);
  t.equal(late.inFile('in.csv').message.split(':')[0], 'in.csv, line 4, column "id"');

  const count = await readError('a,b\n1,2\n"3\n",4,5\n');
  t.same(count.location, { line: 3 });
  t.match(count.message, /expected 2 fields \(as in the header\), found 3/);

  const unterminated = await readError('a,b\n1,2\n3,"4\n5,6\n');
  t.same(unterminated.location, { line: 3 });
  t.match(unterminated.message, /unterminated quoted field/);

  const afterQuote = await readError('a,b\n1,2\n"3"x,4\n');
  t.same(afterQuote.location, { line: 3 });
  t.match(afterQuote.message, /unexpected character "x" after the closing quote of field 1/);

  t.match((await readError('')).message, /empty input: no header row/);
});

t.test('dates and timestamps far from 1970, before it, and with fractions', async (t) => {
  t.equal(parseCsvValue('DATE', '0001-01-01'), -719_162);
  t.equal(parseCsvValue('DATE', '9999-12-31'), 2_932_896);
  t.equal(parseCsvValue('DATE', '2000-02-29'), 11_016);
  t.equal(parseCsvValue('DATE', '1900-02-29'), undefined);
  t.equal(parseCsvValue('TIMESTAMP', '9999-12-31 23:59:59.9999999'), 253_402_300_799_999_999n);
  t.equal(parseCsvValue('TIMESTAMP', '0001-01-01T00:00:00'), -62_135_596_800_000_000n);
  t.equal(parseCsvValue('TIMESTAMP', '1969-12-31 23:59:59.5'), -500_000n);
  t.equal(parseCsvValue('TIMESTAMPTZ', '1970-01-01T05:30:00+05:30'), 0n);
  t.equal(parseCsvValue('TIMESTAMP', '2024-01-01 24:00:00'), undefined);
});

t.test('numbers written as text stay VARCHAR, as in DuckDB: leading zeros, a leading "+"', async (t) => {
  const { types, rows } = await read(
    'zip,dec,neg,zero,frac,plus,exp\n001,00.5,-01,0,0.5,+1,1e3\n02134,1.5,2,-0,0.05,2,01e2\n',
  );
  t.same(types, ['VARCHAR', 'VARCHAR', 'BIGINT', 'BIGINT', 'DOUBLE', 'VARCHAR', 'VARCHAR']);
  t.same(
    rows.map((r) => r.zip),
    ['001', '02134'],
  );
  t.same(
    rows.map((r) => r.neg),
    [-1n, 2n],
  );
  t.equal(parseCsvValue('BIGINT', '007'), undefined);
  t.equal(parseCsvValue('DOUBLE', '007.5'), undefined);
  t.equal(parseCsvValue('BIGINT', '+7'), undefined);
  t.equal(parseCsvValue('DOUBLE', '0.75'), 0.75);
  t.equal(parseCsvValue('BIGINT', '0'), 0n);
});

t.test('the delimiter is detected among , | ; tab (DuckDB order on ties); an explicit one wins', async (t) => {
  for (const delimiter of [',', '|', ';', '\t']) {
    const text = `${['id', 'name', 'price'].join(delimiter)}\n${['1', 'a b', '2.5'].join(delimiter)}\n`;
    for (const chunk of [1, 4, 1000]) {
      const source = await openCsv(chunksOf(text, chunk));
      t.equal(source.delimiter, delimiter, `${JSON.stringify(delimiter)} in chunks of ${chunk}`);
      t.same(source.columnTypes, ['BIGINT', 'VARCHAR', 'DOUBLE']);
      await source.close();
    }
  }
  // Decimal commas inside a semicolon file: the comma gives a one-column header, so the semicolon wins.
  const semicolon = await read('a;b\n1,5;x\n2,5;y\n');
  t.same(semicolon.rows, [
    { a: '1,5', b: 'x' },
    { a: '2,5', b: 'y' },
  ]);
  // Quoted delimiters of another candidate do not mislead it.
  const quoted = await read('a,b\n"x;y|z",1\n"u;v",2\n');
  t.same(quoted.types, ['VARCHAR', 'BIGINT']);
  // Tie (two columns under both): the earlier candidate in DuckDB's order, '|' before ';' and tab.
  t.equal((await openCsv(chunksOf('a|b;c\n1|2;3\n', 3))).delimiter, '|');
  // No candidate splits the header: one column, comma.
  const single = await openCsv(chunksOf('x\n1\n2\n', 3));
  t.equal(single.delimiter, ',');
  // The explicit delimiter is used as given.
  const given = await read('a;b\n1;2\n', { delimiter: ',' });
  t.same(given.fields, ['a;b: Utf8']);
  const colon = await read('a:b\n1:2\n', { delimiter: ':' });
  t.same(colon.rows, [{ a: 1n, b: 2n }]);
  const bad = await readError('a,b\n', { delimiter: '"' });
  t.match(bad.message, /the delimiter must be one character other than a quote or a line break, got "\\""/);
});

t.test('offsets make TIMESTAMPTZ (UTC instants); values without one in such a column are UTC', async (t) => {
  const { types, rows, fields } = await read(
    'tz,mixed,plain,with_date\n' +
      '2024-01-01 00:00:00+02:00,2024-01-01 05:00:00,2024-01-01 00:00:00,2024-01-01\n' +
      '2024-01-02T10:00:00-05:30,2024-01-01 00:00:00+02,2024-01-02 00:00:00,2024-01-01 00:00:00+02\n',
  );
  t.same(types, ['TIMESTAMPTZ', 'TIMESTAMPTZ', 'TIMESTAMP', 'VARCHAR'], 'a date beside offsets is VARCHAR (DuckDB)');
  t.same(fields.slice(0, 3), [
    'tz: Timestamp<MICROSECOND, UTC>',
    'mixed: Timestamp<MICROSECOND, UTC>',
    'plain: Timestamp<MICROSECOND>',
  ]);
  t.same(
    rows.map((r) => r.tz),
    [Date.UTC(2023, 11, 31, 22), Date.UTC(2024, 0, 2, 15, 30)],
  );
  t.same(
    rows.map((r) => r.mixed),
    [Date.UTC(2024, 0, 1, 5), Date.UTC(2023, 11, 31, 22)],
  );
});

t.test('invalid UTF-8 is an error naming its line, never U+FFFD', async (t) => {
  async function readBytes(parts: readonly Uint8Array[]): Promise<unknown> {
    async function* bytes(): AsyncGenerator<Uint8Array> {
      yield* parts;
    }
    try {
      const source = await openCsv(textChunks('in.csv', undefined, bytes()), { sampleRows: 1 });
      for await (const _ of source.batches());
      return undefined;
    } catch (err) {
      return err;
    }
  }
  const text = (s: string) => Buffer.from(s, 'latin1');
  // A lone continuation byte on line 3.
  const lone = await readBytes([text('a,b\n1,x\n2,\x80y\n')]);
  t.ok(lone instanceof InputError);
  t.same((lone as InputError).location, { line: 3 });
  t.match((lone as InputError).message, /^line 3: invalid UTF-8 at byte 10 \(bytes 80 79 0a\)/);
  // Latin-1 "é" (0xe9) followed by ASCII, in a later chunk, after a valid multi-byte character split across chunks.
  const later = await readBytes([text('a,b\n1,\xc3'), text('\xa9\n2,x\n3,caf\xe9!\n')]);
  t.same((later as InputError).location, { line: 4 });
  t.match((later as InputError).message, /invalid UTF-8 at byte 18 \(bytes e9 21 0a\)/);
  // An invalid sequence that starts at the end of one chunk and fails in the next.
  const split = await readBytes([text('a\nx\n\xe2\x82'), text('z\n')]);
  t.same((split as InputError).location, { line: 3 });
  t.match((split as InputError).message, /invalid UTF-8 at byte 4 \(bytes e2 82 7a 0a\)/);
  // A character cut off by the end of the input.
  const truncated = await readBytes([text('a\nx\ny\xf0\x9f')]);
  t.same((truncated as InputError).location, { line: 3 });
  t.match((truncated as InputError).message, /invalid UTF-8 at byte 5 \(bytes f0 9f\)/);
  // Valid multi-byte text, split anywhere, is fine.
  const good = Buffer.from('a,b\n1,caf\u00e9 \u{1F600}\n', 'utf8');
  for (let cut = 1; cut < good.length; cut++) {
    t.equal(await readBytes([good.subarray(0, cut), good.subarray(cut)]), undefined, `split at ${cut}`);
  }
});
