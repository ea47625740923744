/** File formats `tessera convert` reads and writes, told apart by file extension. */
import { extname } from 'node:path';

/** Formats an input may be in. */
export type InputFormat = 'parquet' | 'csv' | 'ndjson' | 'arrow';
/** Formats an output may be in (CSV and NDJSON only from Parquet input). */
export type OutputFormat = 'parquet' | 'csv' | 'ndjson';

const FORMAT_OF_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.arrow': 'arrow', // IPC file format (also read: the stream format under this name)
  '.feather': 'arrow', // Feather v2 is the IPC file format
  '.arrows': 'arrow', // IPC stream format
  '.ipc': 'arrow',
};

/** Extensions accepted for input, for messages. */
export const INPUT_EXTENSIONS = Object.keys(FORMAT_OF_EXTENSION);

/** The format of an input path, or undefined for an unknown extension (compared case-insensitively). */
export function inputFormatOf(path: string): InputFormat | undefined {
  return FORMAT_OF_EXTENSION[extname(path).toLowerCase()];
}

/** The format of an output path, or undefined when it cannot be written. */
export function outputFormatOf(path: string): OutputFormat | undefined {
  const format = inputFormatOf(path);
  return format === 'arrow' ? undefined : format;
}
