import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { main } from '../../src/cli/main.js';
import { COMMAND_USAGE, MAIN_USAGE } from '../../src/cli/usage.js';
import { captureIO } from './capture.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

const HINT = "Run 'tessera --help' for usage.\n";
/** The hint of a usage error of `command`: its own help. */
const hintOf = (command: string | undefined): string =>
  command && ['schema', 'inspect', 'cat', 'convert'].includes(command)
    ? `Run 'tessera ${command} --help' for usage.\n`
    : HINT;

t.test('help', async (t) => {
  for (const flag of ['--help', '-h', 'help']) {
    t.same(await run([flag]), { code: 0, stdout: MAIN_USAGE, stderr: '' }, flag);
  }
  for (const command of ['schema', 'inspect', 'cat'] as const) {
    t.same(await run([command, '--help']), { code: 0, stdout: COMMAND_USAGE[command], stderr: '' }, command);
  }
  t.same(await run(['cat', 'f.parquet', '-h']), { code: 0, stdout: COMMAND_USAGE.cat, stderr: '' });
});

t.test('usage errors exit 2 with a message on stderr and nothing on stdout', async (t) => {
  const cases: [string[], string][] = [
    [[], 'missing command (schema, inspect, cat or convert)'],
    [['frobnicate'], "unknown command 'frobnicate': commands are schema, inspect, cat, convert"],
    [['--vrsion'], "unknown option '--vrsion' (did you mean --version?)"],
    [['schema'], 'schema: missing FILE'],
    [['inspect'], 'inspect: missing FILE'],
    [['cat'], 'cat: missing FILE'],
    [['schema', 'a.parquet', 'b.parquet'], 'schema: expected one FILE, got 2'],
    [['cat', 'f.parquet', '--limit=-1'], "cat: --limit needs a non-negative integer, got '-1'"],
    [['cat', 'f.parquet', '--limit', '1.5'], "cat: --limit needs a non-negative integer, got '1.5'"],
    [['cat', 'f.parquet', '--limit', 'ten'], "cat: --limit needs a non-negative integer, got 'ten'"],
    [['cat', 'f.parquet', '--limit='], "cat: --limit needs a non-negative integer, got ''"],
    [
      ['cat', 'f.parquet', '--limit', '99999999999999999999'],
      "cat: --limit needs a non-negative integer, got '99999999999999999999'",
    ],
    [['cat', 'f.parquet', '--format', 'xml'], "cat: --format must be ndjson or csv, got 'xml'"],
    [['cat', 'f.parquet', '--columns', 'a,,b'], "cat: --columns needs comma-separated names, got 'a,,b'"],
  ];
  for (const [argv, message] of cases) {
    t.same(await run(argv), { code: 2, stdout: '', stderr: `tessera: ${message}\n${hintOf(argv[0])}` }, argv.join(' '));
  }
});

t.test('unknown options and missing option values are usage errors', async (t) => {
  for (const argv of [
    ['schema', 'f.parquet', '--json'],
    ['inspect', 'f.parquet', '--limit', '3'],
    ['cat', 'f.parquet', '--bogus'],
    ['cat', 'f.parquet', '--limit'],
    ['cat', 'f.parquet', '--limit', '-1'],
    ['cat', 'f.parquet', '--json'],
  ]) {
    const result = await run(argv);
    t.equal(result.code, 2, argv.join(' '));
    t.equal(result.stdout, '');
    t.match(result.stderr, new RegExp(`^tessera: ${argv[0]}: [^]+\\n${hintOf(argv[0]).replace(/[.']/g, '\\$&')}$`));
  }
});

t.test('a file that does not exist, or is a directory, is a usage error', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  const missing = join(dir, 'nope.parquet');
  for (const command of ['schema', 'inspect', 'cat']) {
    t.same(await run([command, missing]), {
      code: 2,
      stdout: '',
      stderr: `tessera: ${command}: no such file: ${missing}\n${hintOf(command)}`,
    });
  }
  const r = await run(['cat', dir]);
  t.equal(r.code, 2);
  t.match(r.stderr, `tessera: cat: '${dir}' is a directory`);
});
