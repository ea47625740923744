/**
 * The `tessera` command: `schema`, `inspect` and `cat` over a Parquet file.
 * Exit codes: 0 success, 1 the file could not be read (a ParquetError, or an unexpected failure), 2 bad usage.
 */
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ParquetError } from '../parquet/errors.js';
import type { ParquetFile } from '../parquet/file.js';
import { BufferedOutput } from './buffered_output.js';
import { catRows } from './cat.js';
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
  const output = new BufferedOutput(stdout);
  try {
    await run(argv, output);
    await output.flush();
    return EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) {
      stderr.write(`tessera: ${err.message}\nRun 'tessera --help' for usage.\n`);
      return EXIT_USAGE;
    }
    if (err instanceof ParquetError) {
      stderr.write(`tessera: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    stderr.write(`tessera: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_FAILURE;
  }
}

async function run(argv: string[], output: BufferedOutput): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('missing command (schema, inspect or cat)');
  if (command === '--help' || command === '-h' || command === 'help') {
    await output.write(MAIN_USAGE);
    return;
  }
  if (!Object.hasOwn(COMMAND_USAGE, command)) {
    throw new UsageError(
      command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}' (schema, inspect or cat)`,
    );
  }
  const name = command as Command;
  const { values, positionals } = parseCommandArgs(name, rest);
  if (values.help) {
    await output.write(COMMAND_USAGE[name]);
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
} as const;

const OPTIONS_OF: Record<Command, readonly (keyof typeof OPTIONS)[]> = {
  schema: ['help'],
  inspect: ['help', 'json'],
  cat: ['help', 'columns', 'limit', 'format'],
};

/** Parsed options of a command (only those in OPTIONS_OF[command] can be set). */
interface CommandArgs {
  values: { help?: boolean; json?: boolean; columns?: string; limit?: string; format?: string };
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

/** Opens `path` (a usage error if it is not an existing file), runs `use`, and closes the file. */
async function withFile(path: string, use: (file: ParquetFile) => Promise<void>): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  if (!isFile) throw new UsageError(`not a file: ${path}`);
  // Loaded on first use: usage errors and --help need none of the reader (or its WebAssembly).
  const { ParquetFile } = await import('../parquet/file.js');
  const file = await ParquetFile.open(path);
  try {
    await use(file);
  } finally {
    await file.close();
  }
}
