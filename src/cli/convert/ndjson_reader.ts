/**
 * NDJSON (JSON Lines) input of `tessera convert`: one JSON object per line; blank lines are skipped. The schema is
 * inferred from the first `sampleRows` objects (see json_types.ts); later lines must fit it. Like the CSV reader it
 * does not re-infer: batches before a misfit may already be written, so a misfit is an error with its line.
 */
import { makeBuilder, RecordBatch, Schema, Struct } from 'apache-arrow';
import { type BatchSource, type ConversionProgress, DEFAULT_BATCH_ROWS } from './batch_source.js';
import { InputError } from './input_error.js';
import { parseJsonLine } from './json_text.js';
import {
  arrowFieldsOfJson,
  type JsonLocation,
  type JsonType,
  type JsonValue,
  mergeJsonTypes,
  toBuilderValue,
  typeOfJson,
} from './json_types.js';
import { type TextLine, textLines } from './text_lines.js';

/** Options of the NDJSON reader. */
export interface NdjsonReadOptions {
  /** Rows per record batch (default 65,536). */
  batchRows?: number;
  /** Lines sampled for type inference (default 20,480, DuckDB's read_json sample_size). */
  sampleRows?: number;
  /** Progress of the underlying byte stream, if the caller tracks it. */
  progress?: () => ConversionProgress;
}

/** The NDJSON input after its sample was read, with the inferred row type. */
export interface NdjsonSource extends BatchSource {
  readonly rowType: JsonType & { kind: 'struct' };
}

const DEFAULT_SAMPLE_ROWS = 20_480;

/** A parsed line: its object and its line number. */
interface JsonRow {
  readonly value: { [key: string]: JsonValue };
  readonly line: number;
}

function parseRow({ text, line }: TextLine): JsonRow | undefined {
  if (text.trim() === '') return undefined;
  let value: JsonValue;
  try {
    value = parseJsonLine(text);
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, { line });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new InputError(`expected a JSON object per line, found ${kind}`, { line });
  }
  return { value, line };
}

/**
 * Opens NDJSON text: reads and parses the sample, infers the schema, and returns the source of batches (the sampled
 * rows come first). The text is pulled chunk by chunk as batches are consumed.
 */
export async function openNdjson(text: AsyncIterable<string>, options: NdjsonReadOptions = {}): Promise<NdjsonSource> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const lines = textLines(text);
  let pending: TextLine[] = [];
  let position = 0;
  const nextRow = async (): Promise<JsonRow | undefined> => {
    for (;;) {
      while (position < pending.length) {
        const row = parseRow(pending[position++]!);
        if (row !== undefined) return row;
      }
      const next = await lines.next();
      if (next.done) return undefined;
      pending = next.value;
      position = 0;
    }
  };

  const sample: JsonRow[] = [];
  let inferred: JsonType = { kind: 'struct', fields: new Map() };
  while (sample.length < sampleRows) {
    const row = await nextRow();
    if (row === undefined) break;
    sample.push(row);
    inferred = mergeJsonTypes(inferred, typeOfJson(row.value));
  }
  const rowType = inferred as JsonType & { kind: 'struct' };
  const fields = arrowFieldsOfJson(rowType);
  if (fields.length === 0) {
    throw new InputError(
      sample.length === 0 ? 'empty input: no JSON object' : `no fields in the objects of the first ${sampleRows} lines`,
    );
  }
  const schema = new Schema(fields);
  const inferredFrom = `the first ${sampleRows} lines`;
  let rowsRead = 0;

  async function* batches(): AsyncGenerator<RecordBatch, void, undefined> {
    const type = new Struct(fields);
    const newBuilder = () => makeBuilder({ type, nullValues: [null, undefined] });
    let builder = newBuilder();
    let rows = 0;
    const flush = (): RecordBatch => {
      const batch = new RecordBatch(schema, builder.finish().flush());
      builder = newBuilder();
      rows = 0;
      return batch;
    };
    let sampleIndex = 0;
    for (;;) {
      const row = sampleIndex < sample.length ? sample[sampleIndex++] : await nextRow();
      if (row === undefined) break;
      if (sampleIndex === sample.length) sample.length = sampleIndex = 0; // free the sample once it is consumed
      const at: JsonLocation = { line: row.line, inferredFrom };
      // A struct builder takes plain objects (it reads each child's value by field name), though typed for row proxies.
      const value = toBuilderValue(row.value, rowType, '', at);
      builder.append(value as Parameters<typeof builder.append>[0]);
      rows++;
      rowsRead++;
      if (rows === batchRows) yield flush();
    }
    if (rows > 0) yield flush();
  }

  return {
    schema,
    rowType,
    batches,
    progress: options.progress ?? (() => ({ done: rowsRead, total: 0, unit: 'rows' })),
    close: async () => {
      await lines.return(undefined);
    },
  };
}
