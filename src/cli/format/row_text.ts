/**
 * Row output formats of `tessera cat`: newline-delimited JSON and CSV, built from per-column formatters that are
 * chosen once per schema.
 */
import type { Data, RecordBatch, Schema } from 'apache-arrow';
import { type ColumnFormatter, columnFormatter } from './column_formatter.js';

/** Output formats `tessera cat` supports. */
export type RowFormatName = 'ndjson' | 'csv';

/** Turns record batches of one schema into text. */
export interface RowTextFormat {
  /** Text written before the first row ("" for ndjson, the header line for CSV). */
  header(): string;
  /** Text of rows [start, end) of `batch`, each ending with "\n". */
  rows(batch: RecordBatch, start: number, end: number): string;
}

/** The formatter for `format` over batches of `schema`. */
export function rowTextFormat(format: RowFormatName, schema: Schema): RowTextFormat {
  return format === 'csv' ? new CsvRows(schema) : new NdjsonRows(schema);
}

function columnsOf(batch: RecordBatch): readonly Data[] {
  return batch.data.children;
}

/**
 * One JSON object per row, keys in schema order, values as described in column_formatter.ts (64-bit integers
 * exact, decimals and temporal values as strings, binary as base64, nested values as JSON arrays/objects).
 */
export class NdjsonRows implements RowTextFormat {
  private readonly formatters: ColumnFormatter[];
  private readonly keyPrefixes: string[];

  /** A formatter for batches of `schema`. */
  constructor(schema: Schema) {
    this.formatters = schema.fields.map(columnFormatter);
    this.keyPrefixes = schema.fields.map((field, k) => `${k === 0 ? '{' : ','}${JSON.stringify(field.name)}:`);
  }

  /** Nothing: ndjson has no header. */
  header(): string {
    return '';
  }

  /** One line of JSON per row. */
  rows(batch: RecordBatch, start: number, end: number): string {
    const columns = columnsOf(batch);
    const count = this.formatters.length;
    let out = '';
    for (let row = start; row < end; row++) {
      if (count === 0) {
        out += '{}\n';
        continue;
      }
      for (let k = 0; k < count; k++) out += this.keyPrefixes[k]! + this.formatters[k]!.json(columns[k]!, row);
      out += '}\n';
    }
    return out;
  }
}

/** Characters that force a CSV field into quotes (RFC 4180 section 2, rule 6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field: quoted (with inner quotes doubled, RFC 4180 section 2, rule 7) when it contains a comma, quote, CR
 * or LF, and also when it is the empty string, so that an empty string stays distinct from null (an empty field).
 */
export function csvField(text: string | null): string {
  if (text === null) return '';
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV with a header row of column names; records end with "\n" (RFC 4180 says CRLF; LF is what pyarrow, DuckDB and
 * Unix tools write and read, and RFC 4180 readers accept it). Null is an empty field; nested values are their JSON.
 */
export class CsvRows implements RowTextFormat {
  private readonly formatters: ColumnFormatter[];
  private readonly names: string[];

  /** A formatter for batches of `schema`. */
  constructor(schema: Schema) {
    this.formatters = schema.fields.map(columnFormatter);
    this.names = schema.fields.map((field) => field.name);
  }

  /** The header line: column names. */
  header(): string {
    return `${this.names.map(csvField).join(',')}\n`;
  }

  /** One record per row. */
  rows(batch: RecordBatch, start: number, end: number): string {
    const columns = columnsOf(batch);
    const count = this.formatters.length;
    let out = '';
    for (let row = start; row < end; row++) {
      for (let k = 0; k < count; k++) {
        if (k > 0) out += ',';
        out += csvField(this.formatters[k]!.text(columns[k]!, row));
      }
      out += '\n';
    }
    return out;
  }
}
