// `tessera convert` through main(): usage errors, and Parquet to CSV / NDJSON (which needs no writer).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { main } from '../../../src/cli/main.js';
import { COMMAND_USAGE } from '../../../src/cli/usage.js';
import { captureIO } from '../capture.js';

const DATA = 'fixtures/parquet-testing/data';
const HINT = "Run 'tessera convert --help' for usage.\n";

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

t.test('help', async (t) => {
  t.same(await run(['convert', '--help']), { code: 0, stdout: COMMAND_USAGE.convert, stderr: '' });
});

t.test('usage errors exit 2 before reading or writing anything', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-convert-'));
  const csv = join(dir, 'in.csv');
  writeFileSync(csv, 'a\n1\n');
  const parquet = `${DATA}/alltypes_plain.parquet`;
  const out = join(dir, 'out.parquet');
  const cases: [string[], string][] = [
    [['convert'], 'convert: expected IN and OUT files, got 0 argument(s)'],
    [['convert', csv], 'convert: expected IN and OUT files, got 1 argument(s)'],
    [['convert', csv, out, 'x'], 'convert: expected IN and OUT files, got 3 argument(s)'],
    [
      ['convert', 'in.txt', out],
      "convert: unknown input format of 'in.txt' (expected .parquet, .pq, .csv, .ndjson, .jsonl, .arrow, .feather, .arrows, .ipc)",
    ],
    [
      ['convert', csv, 'out.arrow'],
      "convert: cannot write 'out.arrow' (OUT must be .parquet, or .csv/.ndjson/.jsonl from Parquet)",
    ],
    [
      ['convert', csv, 'out.xlsx'],
      "convert: cannot write 'out.xlsx' (OUT must be .parquet, or .csv/.ndjson/.jsonl from Parquet)",
    ],
    [['convert', csv, 'out.ndjson'], 'convert: NDJSON output needs Parquet input, got CSV'],
    [['convert', parquet, join(dir, 'o.csv'), '--codec', 'zstd'], 'convert: --codec applies to Parquet output only'],
    [
      ['convert', csv, out, '--codec', 'lzo'],
      "convert: --codec must be one of uncompressed, snappy, gzip, brotli, zstd, lz4_raw, got 'lzo'",
    ],
    [['convert', csv, out, '--row-group-size', '0'], "convert: --row-group-size needs a positive integer, got '0'"],
    [['convert', csv, out, '--row-group-size', '1e3'], "convert: --row-group-size needs a positive integer, got '1e3'"],
    [['convert', csv, out, '--page-version', '3'], "convert: --page-version must be 1 or 2, got '3'"],
    [['convert', join(dir, 'missing.csv'), out], `convert: no such file: ${join(dir, 'missing.csv')}`],
    [['convert', csv, join(dir, 'no', 'out.parquet')], `convert: no such directory: ${join(dir, 'no')}`],
    [
      ['convert', csv, `${dir}/`],
      `convert: cannot write '${dir}/' (OUT must be .parquet, or .csv/.ndjson/.jsonl from Parquet)`,
    ],
  ];
  for (const [argv, message] of cases) {
    t.same(await run(argv), { code: 2, stdout: '', stderr: `tessera: ${message}\n${HINT}` }, argv.join(' '));
  }
  const unknown = await run(['convert', csv, out, '--limit', '3']);
  t.equal(unknown.code, 2);
  t.match(unknown.stderr, /^tessera: convert: unknown option '--limit'; convert takes --help/);
  t.same(readdirSync(dir), ['in.csv'], 'nothing written');
});

t.test('an existing OUT is kept unless --overwrite', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-convert-'));
  const out = join(dir, 'out.csv');
  writeFileSync(out, 'keep me');
  t.same(await run(['convert', `${DATA}/alltypes_plain.parquet`, out]), {
    code: 1,
    stdout: '',
    stderr: `tessera: ${out} exists; pass --overwrite to replace it\n`,
  });
  t.equal(readFileSync(out, 'utf8'), 'keep me');
  t.equal((await run(['convert', `${DATA}/alltypes_plain.parquet`, out, '--overwrite'])).code, 0);
  t.not(readFileSync(out, 'utf8'), 'keep me');
  t.same(readdirSync(dir), ['out.csv'], 'no temporary file left');
});

t.test('Parquet to CSV and NDJSON writes exactly what tessera cat prints', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-convert-'));
  for (const name of [
    'alltypes_plain.parquet',
    'nested_structs.rust.parquet',
    'nulls.snappy.parquet',
    'list_columns.parquet',
  ]) {
    for (const [format, extension] of [
      ['csv', 'csv'],
      ['ndjson', 'ndjson'],
      ['ndjson', 'jsonl'],
    ]) {
      const out = join(dir, `${name}.${extension}`);
      const converted = await run(['convert', `${DATA}/${name}`, out]);
      t.same(converted, { code: 0, stdout: '', stderr: '' }, `${name} -> ${extension}`);
      const cat = await run(['cat', `${DATA}/${name}`, '--format', format!]);
      t.equal(readFileSync(out, 'utf8'), cat.stdout, `${name} -> ${extension}`);
    }
  }
});

t.test('a Parquet file that cannot be read fails with exit 1 and leaves no output', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-convert-'));
  const bad = join(dir, 'bad.parquet');
  writeFileSync(bad, 'not parquet at all');
  const out = join(dir, 'out.csv');
  const result = await run(['convert', bad, out]);
  t.equal(result.code, 1);
  t.match(result.stderr, /^tessera: .*bad\.parquet/);
  t.notOk(existsSync(out));
  t.same(readdirSync(dir), ['bad.parquet']);
});
