/**
 * CSV input of `tessera convert`: a header row, then records parsed as they stream in. Column types are inferred
 * from the first `sampleRows` records (see csv_types.ts). A later value that does not parse as its column's type is
 * an error naming its line and column: the batches before it may already be written, so the reader does not
 * re-infer and change a column's type midway (DuckDB's read_csv fails the same way).
 */
import { Field, makeData, RecordBatch, Schema, Struct } from 'apache-arrow';
import { type BatchSource, type ConversionProgress, DEFAULT_BATCH_ROWS } from './batch_source.js';
import { flatColumnBuilder } from './column_builders.js';
import { detectDelimiter, SNIFF_CHARS } from './csv_dialect.js';
import { type CsvRecord, CsvRecordParser, isBlankRecord, isValidDelimiter } from './csv_records.js';
import { arrowTypeOf, type CsvColumnType, CsvTypeInference, parseCsvValue } from './csv_types.js';
import { InputError } from './input_error.js';

/** Options of the CSV reader. */
export interface CsvReadOptions {
  /** Rows per record batch (default 65,536). */
  batchRows?: number;
  /** Records sampled for type inference (default 20,480, DuckDB's sample_size). */
  sampleRows?: number;
  /** Progress of the underlying byte stream, if the caller tracks it. */
  progress?: () => ConversionProgress;
  /** Field delimiter, one character (default: detected among `,` `|` `;` tab from the input's start). */
  delimiter?: string;
}

/** The CSV input after its header and sample were read: column names and inferred types. */
export interface CsvSource extends BatchSource {
  readonly columnTypes: readonly CsvColumnType[];
  /** The field delimiter used (given or detected). */
  readonly delimiter: string;
}

const DEFAULT_SAMPLE_ROWS = 20_480;

/** Records of `text` (its first chunks already read into `head`), a chunk's worth at a time. */
async function* recordChunks(
  head: readonly string[],
  rest: AsyncIterator<string>,
  delimiter: string,
): AsyncGenerator<CsvRecord[], void, undefined> {
  const parser = new CsvRecordParser(delimiter);
  const chunks = async function* (): AsyncGenerator<string, void, undefined> {
    yield* head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  };
  for await (const chunk of chunks()) {
    const out: CsvRecord[] = [];
    parser.push(chunk, out);
    if (out.length > 0) yield out;
  }
  const out: CsvRecord[] = [];
  parser.end(out);
  if (out.length > 0) yield out;
}

/** Column names from the header record: an empty name becomes `column<k>`, a repeated one gets `_<n>` appended. */
function columnNames(header: readonly (string | null)[]): string[] {
  const taken = new Set<string>();
  return header.map((raw, k) => {
    const base = raw === null || raw === '' ? `column${k}` : raw;
    let name = base;
    for (let n = 1; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}

/**
 * Opens CSV text: reads the header row and the sample, infers the column types, and returns the source of batches
 * (the sampled records come first). The text is pulled chunk by chunk as batches are consumed.
 */
export async function openCsv(text: AsyncIterable<string>, options: CsvReadOptions = {}): Promise<CsvSource> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  if (options.delimiter !== undefined && !isValidDelimiter(options.delimiter)) {
    throw new InputError(
      `the delimiter must be one character other than a quote or a line break, got ${JSON.stringify(options.delimiter)}`,
    );
  }
  // The start of the text, for delimiter detection; parsing starts over from its first chunk.
  const rest = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let headChars = 0;
  while (options.delimiter === undefined && headChars < SNIFF_CHARS) {
    const next = await rest.next();
    if (next.done) break;
    head.push(next.value);
    headChars += next.value.length;
  }
  const delimiter = options.delimiter ?? detectDelimiter(head.join('').slice(0, SNIFF_CHARS));
  const chunks = recordChunks(head, rest, delimiter);
  let pending: CsvRecord[] = [];
  let position = 0;
  /** The next record (blank lines skipped when there are several columns), undefined at the end. */
  const nextRecord = async (width: number): Promise<CsvRecord | undefined> => {
    for (;;) {
      while (position < pending.length) {
        const record = pending[position++]!;
        if (width > 1 && isBlankRecord(record)) continue;
        if (width > 0 && record.fields.length !== width) {
          throw new InputError(`expected ${width} fields (as in the header), found ${record.fields.length}`, {
            line: record.line,
          });
        }
        return record;
      }
      const next = await chunks.next();
      if (next.done) return undefined;
      pending = next.value;
      position = 0;
    }
  };

  let header = await nextRecord(0);
  while (header !== undefined && isBlankRecord(header)) header = await nextRecord(0); // blank lines before the header
  if (header === undefined) throw new InputError('empty input: no header row');
  const names = columnNames(header.fields);
  const width = names.length;

  const sample: CsvRecord[] = [];
  const inference = names.map(() => new CsvTypeInference());
  while (sample.length < sampleRows) {
    const record = await nextRecord(width);
    if (record === undefined) break;
    sample.push(record);
    for (let k = 0; k < width; k++) inference[k]!.observe(record.fields[k]!);
  }
  const columnTypes = inference.map((i) => i.result());
  const fields = names.map((name, k) => new Field(name, arrowTypeOf(columnTypes[k]!), true));
  const schema = new Schema(fields);
  let rowsRead = 0;

  async function* batches(): AsyncGenerator<RecordBatch, void, undefined> {
    const builders = fields.map((f) => flatColumnBuilder(f.type, batchRows));
    let rows = 0;
    const flush = (): RecordBatch => {
      const children = builders.map((b) => b.finish());
      const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows, children }));
      rows = 0;
      return batch;
    };
    let sampleIndex = 0;
    for (;;) {
      const record = sampleIndex < sample.length ? sample[sampleIndex++] : await nextRecord(width);
      if (record === undefined) break;
      if (sampleIndex === sample.length) sample.length = sampleIndex = 0; // free the sample once it is consumed
      appendRecord(record);
      rows++;
      rowsRead++;
      if (rows === batchRows) yield flush();
    }
    if (rows > 0) yield flush();

    function appendRecord(record: CsvRecord): void {
      for (let k = 0; k < width; k++) {
        const text = record.fields[k]!;
        const type = columnTypes[k]!;
        if (text === null || (text === '' && type !== 'VARCHAR')) {
          builders[k]!.append(null);
          continue;
        }
        const value = parseCsvValue(type, text);
        if (value === undefined) {
          throw new InputError(
            `${JSON.stringify(text)} is not a ${type}, the type inferred for this column from the first ${sampleRows} rows`,
            { line: record.line, column: names[k]! },
          );
        }
        builders[k]!.append(value);
      }
    }
  }

  return {
    schema,
    columnTypes,
    delimiter,
    batches,
    progress: options.progress ?? (() => ({ done: rowsRead, total: 0, unit: 'rows' })),
    close: async () => {
      await chunks.return(undefined);
      await rest.return?.();
    },
  };
}
