/**
 * Streaming CSV record parser (RFC 4180): text goes in chunk by chunk, records come out with the line they start on.
 * Fields are separated by a delimiter (a comma by default) and records by LF, CRLF or a lone CR. A field that starts
 * with a double quote is quoted: it may hold delimiters, quotes (doubled, section 2 rule 7) and line breaks (rule 6),
 * and must be followed by a delimiter or the end of the record. A quote inside an unquoted field is kept as a character, as most readers do.
 * An unquoted empty field is null; a quoted empty field ("") is the empty string, which keeps the two apart the way
 * `tessera cat --format csv` writes them.
 */
import { InputError } from './input_error.js';

/** One CSV record: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  readonly fields: (string | null)[];
  readonly line: number;
}

const QUOTE = 0x22;

/** Whether `delimiter` can separate CSV fields: one character, not a quote or a line break. */
export function isValidDelimiter(delimiter: string): boolean {
  return delimiter.length === 1 && delimiter !== '"' && delimiter !== '\n' && delimiter !== '\r';
}
const LF = 0x0a;
const CR = 0x0d;

enum State {
  /** Inside an unquoted field (possibly at its start, nothing read yet). */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: a second quote is an escaped quote, anything else ends the field. */
  QuoteInQuoted,
}

/** Splits CSV text into records; feed it with `push` and finish with `end`. */
export class CsvRecordParser {
  private state = State.Unquoted;
  private fields: (string | null)[] = [];
  /** Text of the current field gathered from earlier chunks or pieces. */
  private field = '';
  /** Whether the current field has begun (a character or an opening quote was read). */
  private fieldStarted = false;
  private quoted = false;
  /** Current 1-based line. */
  private line = 1;
  private recordLine = 1;
  /** A CR ended the last record: a LF right after it belongs to the same line break. */
  private afterCR = false;
  private readonly delimiter: number;

  /** A parser of fields separated by `delimiter` (one character, see isValidDelimiter). */
  constructor(delimiter = ',') {
    if (!isValidDelimiter(delimiter)) throw new TypeError(`invalid CSV delimiter ${JSON.stringify(delimiter)}`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Parses `text` and appends the records it completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const delimiter = this.delimiter;
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (this.state === State.Quoted) {
        const close = text.indexOf('"', i);
        const end = close < 0 ? n : close;
        this.field += text.slice(i, end);
        this.line += countLineFeeds(text, i, end);
        if (close < 0) return;
        this.state = State.QuoteInQuoted;
        i = close + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          i++;
          continue;
        }
        if (c !== delimiter && c !== LF && c !== CR) {
          throw new InputError(
            `unexpected character ${JSON.stringify(text[i])} after the closing quote of field ${this.fields.length + 1}`,
            { line: this.line },
          );
        }
        this.state = State.Unquoted;
      }
      if (c === delimiter) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        this.endField();
        this.endRecord(out);
        this.line++;
        i++;
        if (c === CR) {
          if (i === n) this.afterCR = true;
          else if (text.charCodeAt(i) === LF) i++;
        }
        this.recordLine = this.line;
      } else if (c === QUOTE && !this.fieldStarted) {
        this.fieldStarted = true;
        this.quoted = true;
        this.state = State.Quoted;
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === delimiter || d === LF || d === CR) break;
          j++;
        }
        this.field += text.slice(i, j);
        this.fieldStarted = true;
        i = j;
      }
    }
  }

  /** Finishes the input: the last record may lack its line break; an open quoted field is an error. */
  end(out: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      throw new InputError('unterminated quoted field (end of input inside quotes)', { line: this.recordLine });
    }
    if (this.fieldStarted || this.fields.length > 0) {
      this.endField();
      this.endRecord(out);
    }
    this.state = State.Unquoted;
  }

  private endField(): void {
    this.fields.push(this.fieldStarted && (this.quoted || this.field !== '') ? this.field : null);
    this.field = '';
    this.fieldStarted = false;
    this.quoted = false;
  }

  private endRecord(out: CsvRecord[]): void {
    out.push({ fields: this.fields, line: this.recordLine });
    this.fields = [];
  }
}

function countLineFeeds(text: string, start: number, end: number): number {
  let count = 0;
  for (let k = text.indexOf('\n', start); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) count++;
  return count;
}

/** Whether `record` came from an empty line (one unquoted empty field). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.fields[0] === null;
}
