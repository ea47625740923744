// The command line as a new user meets it: --version, help CMD, repeated -c, decryption and checksum flags,
// "did you mean", errors pointing at the command's help, directories, non-Parquet files, --codec lz4.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { main } from '../../src/cli/main.js';
import { COMMAND_USAGE } from '../../src/cli/usage.js';
import { readTable } from '../../src/parquet/read_table.js';
import { captureIO } from './capture.js';

const DATA = 'fixtures/parquet-testing/data';
const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.stdout.text, err: io.stderr.text };
}

t.test('--version and help CMD', async (t) => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  t.same(await run('--version'), { code: 0, out: `tessera ${pkg.version}\n`, err: '' });
  t.equal((await run('help', 'cat')).out, COMMAND_USAGE.cat);
  t.equal((await run('help', 'convert')).out, COMMAND_USAGE.convert);
  const bad = await run('help', 'convrt');
  t.equal(bad.code, 2);
  t.match(bad.err, /unknown command 'convrt' \(did you mean convert\?\)/);
});

t.test('repeated -c means every column given', async (t) => {
  const r = await run('cat', `${DATA}/alltypes_plain.parquet`, '-c', 'id', '-c', 'bool_col,int_col', '-n', '1');
  t.equal(r.code, 0, r.err);
  t.same(JSON.parse(r.out), { id: 4, bool_col: true, int_col: 0 });
});

t.test('unknown flags: did you mean, and the command help', async (t) => {
  const r = await run('cat', `${DATA}/alltypes_plain.parquet`, '--colums', 'id');
  t.equal(r.code, 2);
  t.match(r.err, /cat: unknown option '--colums' \(did you mean --columns\?\)/);
  t.match(r.err, /Run 'tessera cat --help' for usage\./);
  const c = await run('convert', `${DATA}/alltypes_plain.parquet`, join(dir, 'x.parquet'), '--row-group', '5');
  t.match(c.err, /did you mean --row-group-size\?/);
  t.match(c.err, /Run 'tessera convert --help'/);
  t.match((await run('inspect')).err, /inspect: missing FILE\nRun 'tessera inspect --help'/);
  t.match((await run('--verison')).err, /did you mean --version\?/);
});

t.test('decryption flags and --no-verify-checksums', async (t) => {
  const file = `${DATA}/encrypt_columns_and_footer_aad.parquet.encrypted`;
  const locked = await run('cat', file, '-n', '1');
  t.equal(locked.code, 1);
  const r = await run(
    'cat',
    file,
    '-n',
    '1',
    '-c',
    'double_field',
    '--footer-key',
    '0123456789012345',
    '--column-key',
    'double_field:1234567890123450',
    '--column-key',
    'float_field:hex:31323334353637383930313233343531',
    '--aad-prefix',
    'tester',
  );
  t.equal(r.code, 0, r.err);
  t.same(JSON.parse(r.out), { double_field: 0 });
  t.match((await run('schema', file, '--column-key', 'nocolon')).err, /--column-key needs COLUMN:KEY/);
  const corrupt = `${DATA}/datapage_v1-corrupt-checksum.parquet`;
  const checked = await run('cat', corrupt, '-n', '1');
  t.equal(checked.code, 1);
  t.match(checked.err, /checksum/i);
  t.equal((await run('cat', corrupt, '-n', '1', '--no-verify-checksums')).code, 0);
});

t.test('directories and files that are not Parquet', async (t) => {
  const r = await run('convert', 'fixtures', join(dir, 'o.parquet'));
  t.equal(r.code, 2);
  t.match(r.err, /'fixtures' is a directory/);
  t.match((await run('schema', 'fixtures')).err, /is a directory/);
  await t.rejects(readTable('fixtures'), { code: 'IO', message: /is a directory.*openDataset/ });
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['a.csv.parquet', 'id,name\n1,x\n2,y\n', /looks like CSV/],
    ['a.json.parquet', '{"a": 1, "b": [1, 2, 3]}\n{"a": 2, "b": []}\n', /looks like JSON/],
    ['a.arrow.parquet', Buffer.concat([Buffer.from('ARROW1\0\0'), Buffer.alloc(40, 1)]), /Arrow IPC file/],
    ['cut.parquet', readFileSync(`${DATA}/alltypes_plain.parquet`).subarray(0, 300), /looks truncated/],
  ];
  for (const [name, bytes, hint] of cases) {
    writeFileSync(join(dir, name), bytes);
    const e = await run('schema', join(dir, name));
    t.equal(e.code, 1, name);
    t.match(e.err, /missing PAR1 magic|too small/, name);
    t.match(e.err, hint, name);
  }
});

t.test('--codec lz4 is LZ4_RAW with a note', async (t) => {
  const out = join(dir, 'lz4.parquet');
  const r = await run('convert', `${DATA}/alltypes_plain.parquet`, out, '--codec', 'lz4');
  t.equal(r.code, 0, r.err);
  t.match(r.err, /note: --codec lz4 writes LZ4_RAW/);
  const inspect = await run('inspect', out, '--json');
  t.match(inspect.out, /LZ4_RAW/);
  t.ok(readdirSync(dir).includes('lz4.parquet'));
});
