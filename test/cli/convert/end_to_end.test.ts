// `tessera convert` end to end: CSV, NDJSON, Arrow IPC and Parquet into Parquet through main(), read back with
// readTable and by DuckDB (which must see in the converted file what its own read_csv sees in the CSV).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Table, tableFromArrays, tableToIPC } from 'apache-arrow';
import t, { type Test } from 'tap';
import { main } from '../../../src/cli/main.js';
import { ParquetFile } from '../../../src/parquet/file.js';
import { CompressionCodec } from '../../../src/parquet/metadata/enums.js';
import { readTable } from '../../../src/parquet/read_table.js';
import { openDuckDB } from '../../support/duckdb_text.js';
import { captureIO } from '../capture.js';

const DATA = 'fixtures/parquet-testing/data';
const dir = mkdtempSync(join(tmpdir(), 'tessera-convert-e2e-'));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

async function convert(t: Test, argv: string[]): Promise<void> {
  t.same(await run(['convert', ...argv]), { code: 0, stdout: '', stderr: '' }, argv.join(' '));
}

/** Rows of a table as plain values (bigints kept, nested vectors and structs made plain). */
function plainRows(table: Table): unknown[] {
  return table.toArray().map((row) => plain(row));
}

function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const json: unknown = 'toJSON' in value && typeof value.toJSON === 'function' ? value.toJSON() : value;
  if (Array.isArray(json)) return json.map(plain);
  return Object.fromEntries(Object.entries(json as object).map(([k, v]) => [k, plain(v)]));
}

const CSV = [
  'id,price,flag,day,ts,name,note',
  '1,0.5,true,2024-01-31,2024-01-31 12:34:56.123456,alice,"a, b"',
  '-2,,false,1970-01-01,1970-01-01 00:00:00,,"say ""hi"""',
  '9223372036854775807,-1e10,,2000-02-29,2000-02-29 23:59:59,"",',
  '4,3,TRUE,,,"multi\nline",x',
].join('\n');

t.test('CSV -> Parquet: readTable sees the values; DuckDB sees what its read_csv sees', async (t) => {
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, `${CSV}\n`);
  const out = join(dir, 'people.parquet');
  await convert(t, [csv, out]);
  const table = await readTable(out);
  t.same(
    table.schema.fields.map((f) => `${f.name}: ${f.type}`),
    [
      'id: Int64',
      'price: Float64',
      'flag: Bool',
      'day: Date32<DAY>',
      'ts: Timestamp<MICROSECOND>',
      'name: Utf8',
      'note: Utf8',
    ],
  );
  t.same(
    plainRows(table),
    [
      {
        id: 1n,
        price: 0.5,
        flag: true,
        day: Date.UTC(2024, 0, 31),
        ts: Date.UTC(2024, 0, 31, 12, 34, 56) + 123.456,
        name: 'alice',
        note: 'a, b',
      },
      { id: -2n, price: null, flag: false, day: 0, ts: 0, name: null, note: 'say "hi"' },
      {
        id: 9223372036854775807n,
        price: -1e10,
        flag: null,
        day: Date.UTC(2000, 1, 29),
        ts: Date.UTC(2000, 1, 29, 23, 59, 59),
        name: '',
        note: null,
      },
      { id: 4n, price: 3, flag: true, day: null, ts: null, name: 'multi\nline', note: 'x' },
    ].map((row) => plain(row)),
  );

  const duck = await openDuckDB();
  const types = async (from: string) =>
    (await duck.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRows().map((r) => `${r[0]} ${r[1]}`);
  // A quoted empty field is the empty string for tessera (as for PostgreSQL's COPY, and as `tessera cat` writes it);
  // DuckDB reads it as NULL unless told otherwise.
  const fromCsv = `read_csv('${csv}', allow_quoted_nulls = false)`;
  const fromParquet = `read_parquet('${out}')`;
  t.same(await types(fromParquet), await types(fromCsv), 'same column types');
  for (const [a, b] of [
    [fromCsv, fromParquet],
    [fromParquet, fromCsv],
  ]) {
    const diff = await duck.runAndReadAll(
      `SELECT count(*)::INTEGER FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`,
    );
    t.equal(diff.getRows()[0]![0], 0, `rows of ${a} all in ${b}`);
  }
  const count = await duck.runAndReadAll(`SELECT count(*)::INTEGER FROM ${fromParquet}`);
  t.equal(count.getRows()[0]![0], 4);
});

t.test('CSV dialects and types as DuckDB read_csv sees them: leading zeros, delimiters, offsets', async (t) => {
  const duck = await openDuckDB();
  const types = async (from: string) =>
    (await duck.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRows().map((r) => `${r[0]} ${r[1]}`);
  const rows = [
    ['zip', 'id', 'phone', 'n', 'x', 'at', 'label'],
    ['02134', '007', '+4930123', '-01', '0.5', '2024-01-01 00:00:00+02:00', 'a'],
    ['10001', '010', '+15550100', '2', '1', '2024-06-30T23:59:59.5-05:30', 'b c'],
    ['00501', '3', '+4930999', '3', '2.25', '2024-03-01 12:00:00', 'd'],
  ];
  const tzTypes: string[] = [];
  for (const [name, delimiter] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ] as const) {
    const csv = join(dir, `dialect_${name}.csv`);
    writeFileSync(csv, `${rows.map((r) => r.join(delimiter)).join('\n')}\n`);
    const out = join(dir, `dialect_${name}.parquet`);
    await convert(t, [csv, out]);
    const fromCsv = `read_csv('${csv}')`;
    const fromParquet = `read_parquet('${out}')`;
    const csvTypes = await types(fromCsv);
    t.same(await types(fromParquet), csvTypes, `${name}: same column types`);
    tzTypes.push(csvTypes.join(', '));
    for (const [a, b] of [
      [fromCsv, fromParquet],
      [fromParquet, fromCsv],
    ]) {
      const diff = await duck.runAndReadAll(
        `SELECT count(*)::INTEGER FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`,
      );
      t.equal(diff.getRows()[0]![0], 0, `${name}: rows of ${a} all in ${b}`);
    }
  }
  t.same(
    tzTypes[0],
    'zip VARCHAR, id VARCHAR, phone VARCHAR, n BIGINT, x DOUBLE, at TIMESTAMP WITH TIME ZONE, label VARCHAR',
  );
  const table = await readTable(join(dir, 'dialect_tab.parquet'));
  t.same(table.getChild('zip')!.toArray(), ['02134', '10001', '00501']);
  t.equal(String(table.schema.fields.find((f) => f.name === 'at')!.type), 'Timestamp<MICROSECOND, UTC>');
  const file = await ParquetFile.open(join(dir, 'dialect_tab.parquet'));
  t.match(file.schema.columns.find((c) => c.name === 'at')!.element.logicalType, {
    type: 'TIMESTAMP',
    isAdjustedToUTC: true,
    unit: 'MICROS',
  });
  await file.close();

  // --delimiter overrides the detection (here: a semicolon file read with commas is one column).
  const forced = join(dir, 'dialect_forced.parquet');
  await convert(t, [join(dir, 'dialect_semicolon.csv'), forced, '--delimiter', ',']);
  t.same(
    (await readTable(forced)).schema.fields.map((f) => f.name),
    [rows[0]!.join(';')],
  );
  const tabbed = join(dir, 'dialect_tab_forced.parquet');
  await convert(t, [join(dir, 'dialect_tab.csv'), tabbed, '--delimiter', 'tab']);
  t.equal((await readTable(tabbed)).numCols, 7);
  const usage = await run(['convert', join(dir, 'dialect_tab.csv'), join(dir, 'x.parquet'), '--delimiter', ';;']);
  t.equal(usage.code, 2);
  t.match(usage.stderr, /--delimiter must be one character other than a quote or a line break \(or 'tab'\), got ';;'/);
});

t.test('invalid UTF-8: exit 1 with its line, no output file', async (t) => {
  const csv = join(dir, 'latin1.csv');
  writeFileSync(csv, Buffer.from('name,city\nann,Paris\nbob,Z\xfcrich\n', 'latin1'));
  const out = join(dir, 'latin1.parquet');
  const result = await run(['convert', csv, out]);
  t.same(result, {
    code: 1,
    stdout: '',
    stderr: `tessera: ${csv}, line 3: invalid UTF-8 at byte 25 (bytes fc 72 69 63); the input must be UTF-8 text\n`,
  });
  t.notOk(existsSync(out));
});

t.test('a large CSV: many batches and row groups, flags honoured, DuckDB agrees', async (t) => {
  const lines = ['n,x,label,when'];
  for (let i = 0; i < 150_000; i++) {
    lines.push(`${i},${i / 4},${i % 7 === 0 ? '' : `l${i % 1000}`},2024-03-${String(1 + (i % 28)).padStart(2, '0')}`);
  }
  const csv = join(dir, 'large.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const out = join(dir, 'large.parquet');
  await convert(t, [csv, out, '--codec', 'zstd', '--row-group-size', '40000', '--page-version', '2']);
  const file = await ParquetFile.open(out);
  t.same(
    file.rowGroups.map((g) => g.numRows),
    [40_000, 40_000, 40_000, 30_000],
  );
  t.ok(file.metadata.rowGroups.every((g) => g.columns.every((c) => c.metaData?.codec === CompressionCodec.ZSTD)));
  await file.close();
  const duck = await openDuckDB();
  const diff = await duck.runAndReadAll(
    `SELECT count(*)::INTEGER FROM (SELECT * FROM read_csv('${csv}') EXCEPT ALL SELECT * FROM read_parquet('${out}'))`,
  );
  t.equal(diff.getRows()[0]![0], 0);
  const count = await duck.runAndReadAll(`SELECT count(*)::INTEGER, sum(n)::BIGINT FROM read_parquet('${out}')`);
  t.same(count.getRows()[0], [150_000, 11_249_925_000n]);
});

t.test('NDJSON -> Parquet: nested structs and lists, nulls, int/float mixes', async (t) => {
  const text = [
    '{"id":1,"score":1,"tags":["a","b"],"where":{"city":"Oslo","geo":[59.9,10.7]},"note":null}',
    '{"id":2,"score":2.5,"tags":[],"where":{"city":null,"geo":null},"note":"x"}',
    '',
    '{"id":3,"score":null,"tags":null,"where":null}',
    '{"id":9007199254740993,"score":-1,"tags":["c",null],"where":{"city":"Rome","geo":[41.9,12.5]},"note":""}',
  ].join('\r\n');
  const ndjson = join(dir, 'nested.ndjson');
  writeFileSync(ndjson, text);
  const out = join(dir, 'nested.parquet');
  await convert(t, [ndjson, out]);
  const table = await readTable(out);
  t.same(
    table.schema.fields.map((f) => `${f.name}: ${f.type}`),
    ['id: Int64', 'score: Float64', 'tags: List<Utf8>', 'where: Struct<{city:Utf8, geo:List<Float64>}>', 'note: Utf8'],
  );
  t.same(plainRows(table), [
    { id: 1n, score: 1, tags: ['a', 'b'], where: { city: 'Oslo', geo: [59.9, 10.7] }, note: null },
    { id: 2n, score: 2.5, tags: [], where: { city: null, geo: null }, note: 'x' },
    { id: 3n, score: null, tags: null, where: null, note: null },
    { id: 9007199254740993n, score: -1, tags: ['c', null], where: { city: 'Rome', geo: [41.9, 12.5] }, note: '' },
  ]);

  const duck = await openDuckDB();
  const types = async (from: string) =>
    (await duck.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRows().map((r) => `${r[0]} ${r[1]}`);
  const fromJson = `read_json('${ndjson}', format = 'newline_delimited')`;
  const fromParquet = `read_parquet('${out}')`;
  t.same(await types(fromParquet), await types(fromJson), 'DuckDB infers the same types from the NDJSON');
  for (const [a, b] of [
    [fromJson, fromParquet],
    [fromParquet, fromJson],
  ]) {
    const diff = await duck.runAndReadAll(
      `SELECT count(*)::INTEGER FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`,
    );
    t.equal(diff.getRows()[0]![0], 0, `rows of ${a} all in ${b}`);
  }
});

t.test('Arrow IPC (file and stream) -> Parquet keeps every value', async (t) => {
  const source = tableFromArrays({
    i: Int32Array.from([1, -2, 3]),
    f: Float64Array.from([0.5, Number.NaN, -0]),
    s: ['x', null, 'zz'],
  });
  for (const [name, format] of [
    ['t.arrow', 'file'],
    ['t.arrows', 'stream'],
  ] as const) {
    const path = join(dir, name);
    writeFileSync(path, tableToIPC(source, format));
    const out = join(dir, `${name}.parquet`);
    await convert(t, [path, out]);
    const table = await readTable(out);
    t.same(plainRows(table), plainRows(source), name);
  }
});

t.test('Parquet -> Parquet with another codec and page version keeps every value', async (t) => {
  for (const name of ['alltypes_plain.parquet', 'nested_structs.rust.parquet', 'nulls.snappy.parquet']) {
    const out = join(dir, `re-${name}`);
    await convert(t, [`${DATA}/${name}`, out, '--codec', 'gzip', '--page-version', '2']);
    t.same(plainRows(await readTable(out)), plainRows(await readTable(`${DATA}/${name}`)), name);
    const catIn = await run(['cat', `${DATA}/${name}`]);
    const catOut = await run(['cat', out]);
    t.equal(catOut.stdout, catIn.stdout, `${name}: tessera cat prints the same`);
  }
});

t.test('a value that does not fit its inferred type: exit 1, line and column, no output file', async (t) => {
  const lines = ['id,v'];
  for (let i = 0; i < 30_000; i++) lines.push(`${i},${i}`);
  lines.push('30000,oops');
  const csv = join(dir, 'late.csv');
  writeFileSync(csv, lines.join('\n'));
  const out = join(dir, 'late.parquet');
  const result = await run(['convert', csv, out]);
  t.same(result, {
    code: 1,
    stdout: '',
    stderr: `tessera: ${csv}, line 30002, column "v": "oops" is not a BIGINT, the type inferred for this column from the first 20480 rows\n`,
  });
  t.notOk(existsSync(out));
  t.notOk(
    readdirSync(dir).some((f) => f.includes('late.parquet')),
    'no temporary file left',
  );

  const json = join(dir, 'bad.ndjson');
  writeFileSync(json, '{"a":1}\n{"a":2\n');
  const bad = await run(['convert', json, join(dir, 'bad.parquet')]);
  t.equal(bad.code, 1);
  t.match(bad.stderr, new RegExp(`^tessera: ${json.replace(/[.]/g, '\\.')}, line 2: invalid JSON: `));
  t.notOk(existsSync(join(dir, 'bad.parquet')));
  t.ok(readFileSync(json));
});
