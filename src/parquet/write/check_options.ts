// The writer's option names and their check (src/options): unknown keys, in the options and in their nested
// objects (per-column options, bloom filter settings, sorting columns), are BAD_ARGUMENT ParquetErrors naming the
// closest valid key; per-column options must name a column of the schema written.
import { checkOptions, optionNames } from '../../options/check.js';
import { closestName } from '../../options/suggest.js';
import { ParquetError } from '../errors.js';
import { parquetOptionsError } from '../options.js';
import type { ColumnDescriptor } from '../schema.js';
import type { BloomFilterOptions, ColumnWriteOptions, SortingColumnOption, WriterOptions } from './options.js';
import type { ParquetWriterOptions } from './parquet_writer.js';

export const COLUMN_WRITE_OPTIONS = optionNames<ColumnWriteOptions>({
  codec: true,
  compressionLevel: true,
  dictionary: true,
  dictionaryPageSizeLimit: true,
  encoding: true,
  statistics: true,
  pageIndex: true,
  bloomFilter: true,
  columnIndexTruncateLength: true,
  statisticsTruncateLength: true,
});
const BLOOM_FILTER_OPTIONS = optionNames<BloomFilterOptions>({ ndv: true, fpp: true });
const SORTING_COLUMN_OPTIONS = optionNames<SortingColumnOption>({ column: true, descending: true, nullsFirst: true });
export const WRITER_OPTIONS: readonly string[] = [
  ...COLUMN_WRITE_OPTIONS,
  ...optionNames<Omit<ParquetWriterOptions, keyof ColumnWriteOptions>>({
    pageVersion: true,
    dataPageSize: true,
    dataPageRowLimit: true,
    rowGroupSize: true,
    rowGroupBytes: true,
    pageChecksum: true,
    columns: true,
    sortingColumns: true,
    keyValueMetadata: true,
    overwrite: true,
    createdBy: true,
    int96Timestamps: true,
    decimalAsInteger: true,
    fieldIds: true,
    signal: true,
    threads: true,
  }),
];

/** Checks the keys of writer options and of their nested objects, `valid` being the caller's full list. */
export function checkWriterOptions(options: WriterOptions | undefined, where: string, valid = WRITER_OPTIONS): void {
  checkOptions(options, valid, where, parquetOptionsError);
  if (!options) return;
  checkBloomFilter(options.bloomFilter, `${where}: bloomFilter`);
  for (const [name, column] of Object.entries(options.columns ?? {})) {
    checkOptions(column, COLUMN_WRITE_OPTIONS, `${where}: columns[${JSON.stringify(name)}]`, parquetOptionsError);
    checkBloomFilter(column?.bloomFilter, `${where}: columns[${JSON.stringify(name)}].bloomFilter`);
  }
  options.sortingColumns?.forEach((s, i) => {
    checkOptions(s, SORTING_COLUMN_OPTIONS, `${where}: sortingColumns[${i}]`, parquetOptionsError);
  });
}

function checkBloomFilter(bloom: ColumnWriteOptions['bloomFilter'], where: string): void {
  if (typeof bloom === 'object' && bloom !== null)
    checkOptions(bloom, BLOOM_FILTER_OPTIONS, where, parquetOptionsError);
}

/**
 * Each key of `options.columns` must name a column written: a top-level field or a dotted leaf path. An option
 * for a column that does not exist would otherwise be ignored silently (a typo, or a column renamed since).
 */
export function checkColumnOptionNames(
  options: WriterOptions,
  columns: readonly ColumnDescriptor[],
  where: string,
): void {
  if (!options.columns) return;
  const names = new Set<string>();
  for (const c of columns) {
    names.add(c.path[0]!);
    for (let depth = 2; depth <= c.path.length; depth++) names.add(c.path.slice(0, depth).join('.'));
  }
  for (const name of Object.keys(options.columns)) {
    if (names.has(name)) continue;
    const valid = [...names];
    const suggestion = closestName(name, valid);
    throw new ParquetError(
      'BAD_ARGUMENT',
      `${where}: columns[${JSON.stringify(name)}] names no column` +
        `${suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`}; columns: ${valid.join(', ')}`,
    );
  }
}
