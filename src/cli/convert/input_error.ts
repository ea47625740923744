/** Errors in the input of `tessera convert` (CSV, NDJSON, Arrow IPC), located by file, line and column. */

/** Where in an input file an error was found; every field is optional. */
export interface InputLocation {
  file?: string;
  /** 1-based line of the input (for CSV: the line where the record starts). */
  line?: number;
  /** Column name (CSV header name, or dotted JSON path). */
  column?: string;
}

/** An input file that cannot be converted: malformed text, or a value that does not fit the inferred type. */
export class InputError extends Error {
  readonly location: InputLocation;
  readonly detail: string;

  constructor(detail: string, location: InputLocation = {}) {
    super(formatMessage(detail, location));
    this.name = 'InputError';
    this.detail = detail;
    this.location = { ...location };
  }

  /** A copy of this error with `file` set (the readers know lines and columns, the command knows the path). */
  inFile(file: string): InputError {
    return new InputError(this.detail, { file, ...this.location });
  }
}

function formatMessage(detail: string, l: InputLocation): string {
  const where: string[] = [];
  if (l.file !== undefined) where.push(l.file);
  if (l.line !== undefined) where.push(`line ${l.line}`);
  if (l.column !== undefined) where.push(`column ${JSON.stringify(l.column)}`);
  return where.length ? `${where.join(', ')}: ${detail}` : detail;
}
