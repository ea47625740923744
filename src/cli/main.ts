/**
 * The `tessera` command: `schema`, `inspect` and `cat` over a Parquet file; `convert` between Parquet, CSV, NDJSON
 * and Arrow IPC. Exit codes: 0 success, 1 the file could not be read or written (a ParquetError, an input that does
 * not convert, an output that exists, or an unexpected failure), 2 bad usage.
 */
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ParquetError } from '../parquet/errors.js';
import type { ParquetFile } from '../parquet/file.js';
import { BufferedOutput } from './buffered_output.js';
import { catRows } from './cat.js';
import type { ConvertOptions } from './convert/convert.js';
import { INPUT_EXTENSIONS, type InputFormat, inputFormatOf, outputFormatOf } from './convert/formats.js';
import { InputError } from './convert/input_error.js';
import { OutputExistsError } from './convert/output_exists_error.js';
import type { RowFormatName } from './format/row_text.js';
import { inspectReport, renderInspectText } from './inspect.js';
import { schemaText } from './schema_text.js';
import { COMMAND_USAGE, MAIN_USAGE } from './usage.js';

/** Where the command writes; defaults to the process's stdout and stderr. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
}

/** Bad usage: reported with a hint to --help, exit code 2. */
class UsageError extends Error {}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

type Command = keyof typeof COMMAND_USAGE;

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
      stderr.write(`tessera: ${err.message}\nRun 'tessera --help' for usage.\n`);
      return EXIT_USAGE;
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
  if (command === '--help' || command === '-h' || command === 'help') {
    await output.write(MAIN_USAGE);
    return;
  }
  if (!Object.hasOwn(COMMAND_USAGE, command)) {
    throw new UsageError(
      command.startsWith('-')
        ? `unknown option '${command}'`
        : `unknown command '${command}' (schema, inspect, cat or convert)`,
    );
  }
  const name = command as Command;
  const { values, positionals } = parseCommandArgs(name, rest);
  if (values.help) {
    await output.write(COMMAND_USAGE[name]);
    return;
  }
  if (name === 'convert') {
    const [input, output] = filePair(positionals);
    const options = convertOptions(input, output, values);
    await checkInputFile(input);
    await checkOutputPath(output, options.overwrite ?? false);
    const { convertFile } = await import('./convert/convert.js');
    await convertFile(input, output, { ...options, progressStream: stderr });
    return;
  }
  const path = singleFile(name, positionals);
  switch (name) {
    case 'schema':
      await withFile(path, async (file) => output.write(schemaText(file.schema.root)));
      return;
    case 'inspect':
      await withFile(path, async (file) => {
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
      await withFile(path, (file) => catRows(file, options, output));
      return;
    }
  }
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  columns: { type: 'string', short: 'c' },
  limit: { type: 'string', short: 'n' },
  format: { type: 'string', short: 'f' },
  codec: { type: 'string' },
  'row-group-size': { type: 'string' },
  'page-version': { type: 'string' },
  overwrite: { type: 'boolean' },
} as const;

const OPTIONS_OF: Record<Command, readonly (keyof typeof OPTIONS)[]> = {
  schema: ['help'],
  inspect: ['help', 'json'],
  cat: ['help', 'columns', 'limit', 'format'],
  convert: ['help', 'codec', 'row-group-size', 'page-version', 'overwrite'],
};

/** Parsed options of a command (only those in OPTIONS_OF[command] can be set). */
interface CommandArgs {
  values: {
    help?: boolean;
    json?: boolean;
    columns?: string;
    limit?: string;
    format?: string;
    codec?: string;
    'row-group-size'?: string;
    'page-version'?: string;
    overwrite?: boolean;
  };
  positionals: string[];
}

function parseCommandArgs(command: Command, args: string[]): CommandArgs {
  const options = Object.fromEntries(OPTIONS_OF[command].map((o) => [o, OPTIONS[o]]));
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as CommandArgs;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(`${command}: ${(err as Error).message}`);
    throw err;
  }
}

function singleFile(command: Command, positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing FILE`);
  if (positionals.length > 1) throw new UsageError(`${command}: expected one FILE, got ${positionals.length}`);
  return positionals[0]!;
}

function parseColumns(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const columns = value.split(',').map((c) => c.trim());
  if (columns.some((c) => c === '')) throw new UsageError(`cat: --columns needs comma-separated names, got '${value}'`);
  return columns;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(limit)) {
    throw new UsageError(`cat: --limit needs a non-negative integer, got '${value}'`);
  }
  return limit;
}

function parseFormat(value: string | undefined): RowFormatName {
  if (value === undefined || value === 'ndjson' || value === 'csv') return value ?? 'ndjson';
  throw new UsageError(`cat: --format must be ndjson or csv, got '${value}'`);
}

/** A usage error unless `path` is an existing file. */
async function checkInputFile(path: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  if (!isFile) throw new UsageError(`not a file: ${path}`);
}

/** Opens `path` (a usage error if it is not an existing file), runs `use`, and closes the file. */
async function withFile(path: string, use: (file: ParquetFile) => Promise<void>): Promise<void> {
  await checkInputFile(path);
  // Loaded on first use: usage errors and --help need none of the reader (or its WebAssembly).
  const { ParquetFile } = await import('../parquet/file.js');
  const file = await ParquetFile.open(path);
  try {
    await use(file);
  } finally {
    await file.close();
  }
}

function filePair(positionals: string[]): [string, string] {
  if (positionals.length !== 2) {
    throw new UsageError(`convert: expected IN and OUT files, got ${positionals.length} argument(s)`);
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

/** Checks the formats of IN and OUT and parses the writer flags (which only Parquet output takes). */
function convertOptions(input: string, output: string, values: CommandArgs['values']): ConvertOptions {
  const from = inputFormatOf(input);
  if (from === undefined) {
    throw new UsageError(`convert: unknown input format of '${input}' (expected ${INPUT_EXTENSIONS.join(', ')})`);
  }
  const to = outputFormatOf(output);
  if (to === undefined) {
    throw new UsageError(
      `convert: cannot write '${output}' (OUT must be .parquet, or .csv/.ndjson/.jsonl from Parquet)`,
    );
  }
  if (to !== 'parquet' && from !== 'parquet') {
    throw new UsageError(`convert: ${FORMAT_NAMES[to]} output needs Parquet input, got ${FORMAT_NAMES[from]}`);
  }
  const options: ConvertOptions = { overwrite: values.overwrite ?? false };
  const writerFlags = (['codec', 'row-group-size', 'page-version'] as const).filter((f) => values[f] !== undefined);
  if (to !== 'parquet' && writerFlags.length > 0) {
    throw new UsageError(`convert: --${writerFlags[0]} applies to Parquet output only`);
  }
  if (values.codec !== undefined) {
    const codec = values.codec.toLowerCase();
    if (!(CODECS as readonly string[]).includes(codec)) {
      throw new UsageError(`convert: --codec must be one of ${CODECS.join(', ')}, got '${values.codec}'`);
    }
    options.codec = codec as ConvertOptions['codec'];
  }
  const rowGroupSize = values['row-group-size'];
  if (rowGroupSize !== undefined) {
    const rows = Number(rowGroupSize);
    if (!/^\d+$/.test(rowGroupSize) || !Number.isSafeInteger(rows) || rows === 0) {
      throw new UsageError(`convert: --row-group-size needs a positive integer, got '${rowGroupSize}'`);
    }
    options.rowGroupSize = rows;
  }
  const pageVersion = values['page-version'];
  if (pageVersion !== undefined) {
    if (pageVersion !== '1' && pageVersion !== '2') {
      throw new UsageError(`convert: --page-version must be 1 or 2, got '${pageVersion}'`);
    }
    options.pageVersion = pageVersion === '1' ? 1 : 2;
  }
  return options;
}

/** OUT must not exist (unless `overwrite`) and its directory must. */
async function checkOutputPath(path: string, overwrite: boolean): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`convert: '${path}' is a directory`);
  if (existing !== undefined && !overwrite) throw new OutputExistsError(path);
  const directory = dirname(path);
  const parent = await stat(directory).catch(() => undefined);
  if (!parent?.isDirectory()) throw new UsageError(`convert: no such directory: ${directory}`);
}
