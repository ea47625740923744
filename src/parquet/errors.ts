/** Machine-readable reasons a Parquet file could not be read or written. */
export type ParquetErrorCode =
  | 'NOT_PARQUET' // magic bytes missing, file too small
  | 'BAD_METADATA' // footer / page header thrift that does not decode or is inconsistent
  | 'BAD_SCHEMA' // schema tree that does not describe a valid column layout
  | 'BAD_PAGE' // page header or page data inconsistent with itself or the column
  | 'BAD_ENCODING' // encoded values that do not decode
  | 'CHECKSUM' // page CRC32 mismatch
  | 'DECRYPTION' // modular encryption: missing or wrong key, AAD prefix, failed authentication
  | 'UNSUPPORTED' // a valid feature this reader does not implement (LZO, ...)
  | 'BAD_ARGUMENT' // caller error: unknown column, row group out of range, ...
  | 'INVALID_VALUE' // a value that does not fit: writing (null in a required field, decimal overflow, ...), reading
  //                  into the requested type (INT96 beyond int64 nanoseconds)
  | 'IO' // the byte source failed
  | 'ABORTED'; // the caller aborted the operation through its AbortSignal (the cause is the signal's reason)

/** Where in a file an error happened; every field is optional, filled in as the error travels up. */
export interface ParquetErrorContext {
  file?: string;
  rowGroup?: number;
  column?: string;
  page?: number;
  offset?: number;
  /** Row of the batch being written (writer errors). */
  row?: number;
}

/** Any failure to read or write Parquet: a code, a message, and the file / row group / column / page. */
export class ParquetError extends Error {
  readonly code: ParquetErrorCode;
  readonly context: ParquetErrorContext;
  readonly detail: string;

  constructor(code: ParquetErrorCode, detail: string, context: ParquetErrorContext = {}, options?: ErrorOptions) {
    super(formatMessage(detail, context), options);
    this.name = 'ParquetError';
    this.code = code;
    this.detail = detail;
    this.context = { ...context };
  }

  /** A copy of this error with more context (fields already set are kept: the innermost site knows best). */
  withContext(context: ParquetErrorContext): ParquetError {
    return new ParquetError(this.code, this.detail, { ...context, ...this.context }, { cause: this.cause });
  }
}

function formatMessage(detail: string, c: ParquetErrorContext): string {
  const where: string[] = [];
  if (c.file !== undefined) where.push(`file ${c.file}`);
  if (c.rowGroup !== undefined) where.push(`row group ${c.rowGroup}`);
  if (c.column !== undefined) where.push(`column ${c.column}`);
  if (c.page !== undefined) where.push(`page ${c.page}`);
  if (c.offset !== undefined) where.push(`offset ${c.offset}`);
  if (c.row !== undefined) where.push(`row ${c.row}`);
  return where.length ? `${detail} (${where.join(', ')})` : detail;
}

/** Wraps any error thrown by `fn` into a ParquetError carrying `context`. */
export function withParquetContext<T>(context: ParquetErrorContext, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toParquetError(err, context);
  }
}

/** Converts an unknown thrown value into a ParquetError with `context` (a ParquetError keeps its code). */
export function toParquetError(
  err: unknown,
  context: ParquetErrorContext,
  code: ParquetErrorCode = 'BAD_PAGE',
): ParquetError {
  if (err instanceof ParquetError) return err.withContext(context);
  const message = err instanceof Error ? err.message : String(err);
  return new ParquetError(code, message, context, { cause: err });
}
