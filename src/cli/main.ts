/**
 * The `tessera` command: `schema`, `inspect` and `cat` over a Parquet file; `convert` between Parquet, CSV, NDJSON
 * and Arrow IPC. Exit codes: 0 success, 1 the file could not be read or written (a ParquetError, an input that does
 * not convert, an output that exists, or an unexpected failure), 2 bad usage.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ParquetError } from '../parquet/errors.js';
import type { OpenOptions, ParquetFile } from '../parquet/file.js';
import { BufferedOutput } from './buffered_output.js';
import { catRows } from './cat.js';
import type { ConvertOptions } from './convert/convert.js';
import { isValidDelimiter } from './convert/csv_records.js';
import { INPUT_EXTENSIONS, type InputFormat, inputFormatOf, outputFormatOf } from './convert/formats.js';
import { InputError } from './convert/input_error.js';
import { OutputExistsError } from './convert/output_exists_error.js';
import { closest } from './did_you_mean.js';
import type { RowFormatName } from './format/row_text.js';
import { inspectReport, renderInspectText } from './inspect.js';
import { InterruptedError, SIGNAL_EXIT, withInterruptSignal } from './interrupt.js';
import { readerOptionsOf } from './reader_flags.js';
import { schemaText } from './schema_text.js';
import { COMMAND_USAGE, MAIN_USAGE } from './usage.js';
import { type Command, UsageError } from './usage_error.js';

/** Where the command writes; defaults to the process's stdout and stderr. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** Runs the command line `argv` (without node and script) and resolves to the process exit code. */
export async function main(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  if (argv[0] === 'scheduler' || argv[0] === 'worker' || argv[0] === 'token') {
    // Loaded on demand: the Parquet commands need none of the cluster code.
    const { runClusterCommand } = await import('./cluster.js');
    return runClusterCommand(argv[0], argv.slice(1), { stdout, stderr });
  }
  const output = new BufferedOutput(stdout);
  try {
    await run(argv, output, stderr);
    await output.flush();
    return EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) {
      const help = err.command ? `tessera ${err.command} --help` : 'tessera --help';
      stderr.write(`tessera: ${err.message}\nRun '${help}' for usage.\n`);
      return EXIT_USAGE;
    }
    if (err instanceof InterruptedError) {
      stderr.write(`tessera: ${err.message}\n`);
      return SIGNAL_EXIT[err.signal] ?? EXIT_FAILURE;
    }
    if (err instanceof ParquetError || err instanceof InputError || err instanceof OutputExistsError) {
      stderr.write(`tessera: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    stderr.write(`tessera: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_FAILURE;
  }
}

async function run(argv: string[], output: BufferedOutput, stderr: Writable): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('missing command (schema, inspect, cat or convert)');
  if (command === '--version' || command === '-v' || command === '-V' || command === 'version') {
    await output.write(`tessera ${await packageVersion()}\n`);
    return;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0];
    if (topic === undefined) await output.write(MAIN_USAGE);
    else await output.write(COMMAND_USAGE[commandName(topic)]);
    return;
  }
  const name = commandName(command);
  const { values, positionals } = parseCommandArgs(name, rest);
  if (values.help) {
    await output.write(COMMAND_USAGE[name]);
    return;
  }
  const readerOptions = readerOptionsOf(name, values);
  if (name === 'convert') {
    const [input, output] = filePair(positionals);
    // A directory has no extension to tell its format: say what it is before the format checks.
    if ((await stat(input).catch(() => undefined))?.isDirectory()) await checkInputFile(input, name);
    const options = convertOptions(input, output, values, stderr);
    await checkInputFile(input, name);
    await checkOutputPath(output, options.overwrite ?? false);
    const { convertFile } = await import('./convert/convert.js');
    await withInterruptSignal((signal) =>
      convertFile(input, output, { ...options, readerOptions, progressStream: stderr, signal }),
    );
    return;
  }
  const path = singleFile(name, positionals);
  const withFile = (use: (file: ParquetFile) => Promise<void>) => withParquetFile(path, name, readerOptions, use);
  switch (name) {
    case 'schema':
      await withFile(async (file) => output.write(schemaText(file.schema.root)));
      return;
    case 'inspect':
      await withFile(async (file) => {
        const report = inspectReport(path, file.metadata, file.schema);
        await output.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderInspectText(report));
      });
      return;
    case 'cat': {
      const options = {
        columns: parseColumns(values.columns),
        limit: parseLimit(values.limit),
        format: parseFormat(values.format),
      };
      await withFile((file) => catRows(file, options, output));
      return;
    }
  }
}

/** The command named `name`, or a usage error that suggests the closest one. */
function commandName(name: string): Command {
  if (Object.hasOwn(COMMAND_USAGE, name)) return name as Command;
  if (name.startsWith('-')) {
    const hint = closest(name, ['--help', '--version']);
    throw new UsageError(`unknown option '${name}'${hint ? ` (did you mean ${hint}?)` : ''}`);
  }
  const hint = closest(name, Object.keys(COMMAND_USAGE));
  throw new UsageError(
    `unknown command '${name}'${hint ? ` (did you mean ${hint}?)` : ''}: commands are schema, inspect, cat, convert`,
  );
}

/** The version in the package.json of this installation (src/cli or dist/src/cli below the package root). */
async function packageVersion(): Promise<string> {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'tessera' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  columns: { type: 'string', short: 'c', multiple: true },
  'footer-key': { type: 'string' },
  'column-key': { type: 'string', multiple: true },
  'aad-prefix': { type: 'string' },
  'no-verify-checksums': { type: 'boolean' },
  limit: { type: 'string', short: 'n' },
  format: { type: 'string', short: 'f' },
  codec: { type: 'string' },
  'row-group-size': { type: 'string' },
  'page-version': { type: 'string' },
  overwrite: { type: 'boolean' },
  delimiter: { type: 'string', short: 'd' },
} as const;

const READER_FLAGS = ['footer-key', 'column-key', 'aad-prefix', 'no-verify-checksums'] as const;

const OPTIONS_OF: Record<Command, readonly (keyof typeof OPTIONS)[]> = {
  schema: ['help', ...READER_FLAGS],
  inspect: ['help', 'json', ...READER_FLAGS],
  cat: ['help', 'columns', 'limit', 'format', ...READER_FLAGS],
  convert: ['help', 'codec', 'row-group-size', 'page-version', 'overwrite', 'delimiter', ...READER_FLAGS],
};

/** Parsed options of a command (only those in OPTIONS_OF[command] can be set). */
interface CommandArgs {
  values: {
    help?: boolean;
    json?: boolean;
    columns?: string[];
    'footer-key'?: string;
    'column-key'?: string[];
    'aad-prefix'?: string;
    'no-verify-checksums'?: boolean;
    limit?: string;
    format?: string;
    codec?: string;
    'row-group-size'?: string;
    'page-version'?: string;
    overwrite?: boolean;
    delimiter?: string;
  };
  positionals: string[];
}

function parseCommandArgs(command: Command, args: string[]): CommandArgs {
  const options = Object.fromEntries(OPTIONS_OF[command].map((o) => [o, OPTIONS[o]]));
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as CommandArgs;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /option '([^']+)'/.exec((err as Error).message)?.[1] ?? '';
      const valid = OPTIONS_OF[command].flatMap((o) => {
        const short = (OPTIONS[o] as { short?: string }).short;
        return short ? [`--${o}`, `-${short}`] : [`--${o}`];
      });
      const hint = flag.startsWith('--')
        ? closest(
            flag.split('=')[0]!,
            valid.filter((v) => v.startsWith('--')),
          )
        : undefined;
      throw new UsageError(
        `${command}: unknown option '${flag}'${hint ? ` (did you mean ${hint}?)` : ''}; ${command} takes ${valid.join(', ')}`,
        command,
      );
    }
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(`${command}: ${(err as Error).message}`, command);
    throw err;
  }
}

function singleFile(command: Command, positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing FILE`, command);
  if (positionals.length > 1) {
    throw new UsageError(`${command}: expected one FILE, got ${positionals.length}`, command);
  }
  return positionals[0]!;
}

/** Every `-c` / `--columns` value, each a comma-separated list: `-c a -c b,c` is a, b, c. */
function parseColumns(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const columns: string[] = [];
  for (const value of values) {
    const names = value.split(',').map((c) => c.trim());
    if (names.some((c) => c === '')) {
      throw new UsageError(`cat: --columns needs comma-separated names, got '${value}'`, 'cat');
    }
    columns.push(...names);
  }
  return columns;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(limit)) {
    throw new UsageError(`cat: --limit needs a non-negative integer, got '${value}'`, 'cat');
  }
  return limit;
}

function parseFormat(value: string | undefined): RowFormatName {
  if (value === undefined || value === 'ndjson' || value === 'csv') return value ?? 'ndjson';
  throw new UsageError(`cat: --format must be ndjson or csv, got '${value}'`, 'cat');
}

/** A usage error unless `path` is an existing file. */
async function checkInputFile(path: string, command: Command): Promise<void> {
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await stat(path);
  } catch {
    throw new UsageError(`${command}: no such file: ${path}`, command);
  }
  if (stats.isDirectory()) {
    throw new UsageError(
      `${command}: '${path}' is a directory; give one file (readParquet(dir) and openDataset(dir) read a directory ` +
        'of Parquet files from code)',
      command,
    );
  }
  if (!stats.isFile()) throw new UsageError(`${command}: not a regular file: ${path}`, command);
}

/** Opens `path` (a usage error if it is not an existing file), runs `use`, and closes the file. */
async function withParquetFile(
  path: string,
  command: Command,
  options: OpenOptions,
  use: (file: ParquetFile) => Promise<void>,
): Promise<void> {
  await checkInputFile(path, command);
  // Loaded on first use: usage errors and --help need none of the reader (or its WebAssembly).
  const { ParquetFile } = await import('../parquet/file.js');
  const file = await ParquetFile.open(path, options);
  try {
    await use(file);
  } finally {
    await file.close();
  }
}

function filePair(positionals: string[]): [string, string] {
  if (positionals.length !== 2) {
    throw new UsageError(`convert: expected IN and OUT files, got ${positionals.length} argument(s)`, 'convert');
  }
  return [positionals[0]!, positionals[1]!];
}

const FORMAT_NAMES: Record<InputFormat, string> = {
  parquet: 'Parquet',
  csv: 'CSV',
  ndjson: 'NDJSON',
  arrow: 'Arrow IPC',
};
const CODECS = ['uncompressed', 'snappy', 'gzip', 'brotli', 'zstd', 'lz4_raw'] as const;

/** Checks the formats of IN and OUT and parses the writer flags (which only Parquet output takes); notes go to
 *  `stderr`. */
function convertOptions(
  input: string,
  output: string,
  values: CommandArgs['values'],
  stderr: Writable,
): ConvertOptions {
  const from = inputFormatOf(input);
  if (from === undefined) {
    throw new UsageError(
      `convert: unknown input format of '${input}' (expected ${INPUT_EXTENSIONS.join(', ')})`,
      'convert',
    );
  }
  const to = outputFormatOf(output);
  if (to === undefined) {
    throw new UsageError(
      `convert: cannot write '${output}' (OUT must be .parquet, or .csv/.ndjson/.jsonl from Parquet)`,
      'convert',
    );
  }
  if (to !== 'parquet' && from !== 'parquet') {
    throw new UsageError(
      `convert: ${FORMAT_NAMES[to]} output needs Parquet input, got ${FORMAT_NAMES[from]}`,
      'convert',
    );
  }
  const options: ConvertOptions = { overwrite: values.overwrite ?? false };
  if (values.delimiter !== undefined) {
    if (from !== 'csv') throw new UsageError('convert: --delimiter applies to CSV input only', 'convert');
    options.delimiter = parseDelimiter(values.delimiter);
  }
  const writerFlags = (['codec', 'row-group-size', 'page-version'] as const).filter((f) => values[f] !== undefined);
  if (to !== 'parquet' && writerFlags.length > 0) {
    throw new UsageError(`convert: --${writerFlags[0]} applies to Parquet output only`, 'convert');
  }
  if (values.codec !== undefined) {
    let codec = values.codec.toLowerCase();
    if (codec === 'lz4') {
      // As the writer API does: the Hadoop-framed LZ4 codec is deprecated in the format, LZ4_RAW replaces it.
      stderr.write("tessera: note: --codec lz4 writes LZ4_RAW (the format's deprecated LZ4 codec is not written)\n");
      codec = 'lz4_raw';
    }
    if (!(CODECS as readonly string[]).includes(codec)) {
      throw new UsageError(`convert: --codec must be one of ${CODECS.join(', ')}, got '${values.codec}'`, 'convert');
    }
    options.codec = codec as ConvertOptions['codec'];
  }
  const rowGroupSize = values['row-group-size'];
  if (rowGroupSize !== undefined) {
    const rows = Number(rowGroupSize);
    if (!/^\d+$/.test(rowGroupSize) || !Number.isSafeInteger(rows) || rows === 0) {
      throw new UsageError(`convert: --row-group-size needs a positive integer, got '${rowGroupSize}'`, 'convert');
    }
    options.rowGroupSize = rows;
  }
  const pageVersion = values['page-version'];
  if (pageVersion !== undefined) {
    if (pageVersion !== '1' && pageVersion !== '2') {
      throw new UsageError(`convert: --page-version must be 1 or 2, got '${pageVersion}'`, 'convert');
    }
    options.pageVersion = pageVersion === '1' ? 1 : 2;
  }
  return options;
}

/** The --delimiter value: one character; `tab` or `\t` for a tab (hard to type in a shell). */
function parseDelimiter(value: string): string {
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if (!isValidDelimiter(delimiter)) {
    throw new UsageError(
      `convert: --delimiter must be one character other than a quote or a line break (or 'tab'), got '${value}'`,
    );
  }
  return delimiter;
}

/** OUT must not exist (unless `overwrite`) and its directory must. */
async function checkOutputPath(path: string, overwrite: boolean): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`convert: '${path}' is a directory`, 'convert');
  if (existing !== undefined && !overwrite) throw new OutputExistsError(path);
  const directory = dirname(path);
  const parent = await stat(directory).catch(() => undefined);
  if (!parent?.isDirectory()) throw new UsageError(`convert: no such directory: ${directory}`, 'convert');
}
