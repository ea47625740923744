/**
 * `tessera convert IN OUT`: CSV, NDJSON, Arrow IPC or Parquet in; Parquet out (streamed: batches of bounded size
 * go to ParquetWriter as they are read), or CSV / NDJSON out of Parquet (the rows as `tessera cat` prints them).
 */
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { checkOptions, optionNames } from '../../options/check.js';
import { type OpenOptions, ParquetFile } from '../../parquet/file.js';
import type { CodecName } from '../../parquet/write/options.js';
import { openArrowIpc } from './arrow_reader.js';
import type { BatchSource, ConversionProgress } from './batch_source.js';
import { openCsv } from './csv_reader.js';
import { type InputFormat, inputFormatOf, outputFormatOf } from './formats.js';
import { InputError } from './input_error.js';
import { openNdjson } from './ndjson_reader.js';
import { parquetBatchSource } from './parquet_reader.js';
import { startProgressBar } from './progress_bar.js';
import { type ByteCounter, textChunks } from './text_chunks.js';
import { writeRowsAsText } from './text_output.js';

/** Options of a conversion. */
export interface ConvertOptions {
  /** Parquet page compression (the writer's default: snappy). */
  codec?: CodecName;
  /** Rows per Parquet row group (the writer's default). */
  rowGroupSize?: number;
  /** Parquet data page version (default 1). */
  pageVersion?: 1 | 2;
  /** Replace an existing output file. */
  overwrite?: boolean;
  /** Where a progress bar may appear (only if it is a terminal). */
  progressStream?: Writable;
  /** Rows per batch read from text and Arrow inputs (default 65,536). */
  batchRows?: number;
  /** Rows sampled for type inference of CSV and NDJSON inputs (default 20,480). */
  sampleRows?: number;
  /** How Parquet input is opened: checksum verification, decryption keys. */
  readerOptions?: OpenOptions;
  /** Aborting it stops the conversion and removes the temporary output (OUT never appears). */
  signal?: AbortSignal;
  /** Field delimiter of CSV input, one character (default: detected among `,` `|` `;` tab). */
  delimiter?: string;
}

const CONVERT_OPTIONS = optionNames<ConvertOptions>({
  codec: true,
  rowGroupSize: true,
  pageVersion: true,
  overwrite: true,
  progressStream: true,
  batchRows: true,
  sampleRows: true,
  delimiter: true,
  readerOptions: true,
  signal: true,
});

/** Converts the file at `input` into `output`, formats chosen by their extensions; resolves to the rows written. */
export async function convertFile(input: string, output: string, options: ConvertOptions = {}): Promise<number> {
  checkOptions(options, CONVERT_OPTIONS, 'convertFile');
  const from = inputFormatOf(input);
  const to = outputFormatOf(output);
  if (from === undefined || to === undefined || (to !== 'parquet' && from !== 'parquet')) {
    throw new TypeError(`cannot convert ${input} to ${output}`);
  }
  const progressStream = options.progressStream ?? process.stderr;
  try {
    if (to !== 'parquet') {
      const file = await ParquetFile.open(input, options.readerOptions);
      let rows = 0;
      const bar = startProgressBar(progressStream, () => ({ done: rows, total: file.numRows, unit: 'rows' }));
      try {
        return await writeRowsAsText(
          file,
          output,
          to,
          options.overwrite ?? false,
          (n) => {
            rows = n;
          },
          options.signal,
        );
      } finally {
        bar.stop();
        await file.close();
      }
    }
    // The bar starts once the source is open: only then does it know its size (and its delay counts from there).
    const source = await openSource(input, from, options);
    const bar = startProgressBar(progressStream, () => source.progress());
    try {
      return await writeParquet(source, output, options);
    } finally {
      bar.stop();
      await source.close();
    }
  } catch (err) {
    throw err instanceof InputError ? err.inFile(input) : err;
  }
}

async function openSource(path: string, format: InputFormat, options: ConvertOptions): Promise<BatchSource> {
  const readOptions = { batchRows: options.batchRows, sampleRows: options.sampleRows };
  switch (format) {
    case 'parquet':
      return parquetBatchSource(await ParquetFile.open(path, options.readerOptions));
    case 'arrow':
      return openArrowIpc(path, options.batchRows);
    case 'csv':
    case 'ndjson': {
      const counter: ByteCounter = { bytesRead: 0 };
      const total = (await stat(path)).size;
      const progress = (): ConversionProgress => ({ done: counter.bytesRead, total, unit: 'bytes' });
      const text = textChunks(path, counter);
      return format === 'csv'
        ? openCsv(text, { ...readOptions, progress, delimiter: options.delimiter })
        : openNdjson(text, { ...readOptions, progress });
    }
  }
}

/** Streams the batches of `source` into a Parquet file at `path`; on any failure the file is not published. */
async function writeParquet(source: BatchSource, path: string, options: ConvertOptions): Promise<number> {
  // Loaded on first use, like the reader: the writer pulls in the encoding kernels.
  const { ParquetWriter } = await import('../../parquet/write/parquet_writer.js');
  const writer = await ParquetWriter.open(path, source.schema, {
    codec: options.codec,
    rowGroupSize: options.rowGroupSize,
    pageVersion: options.pageVersion,
    overwrite: options.overwrite ?? false,
    signal: options.signal,
  });
  let rows = 0;
  try {
    for await (const batch of source.batches()) {
      await writer.write(batch);
      rows += batch.numRows;
    }
    await writer.close();
  } catch (err) {
    await writer.abort().catch(() => {});
    throw err;
  }
  return rows;
}
