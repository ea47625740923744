// The option names of the reader's public functions, checked by src/options (unknown keys are BAD_ARGUMENT
// ParquetErrors naming the closest valid key), and the subsets one function hands to another.

import { checkOptions, type OptionsErrorFactory, optionNames } from '../options/check.js';
import { INT96_TIMESTAMP_UNITS } from './arrow_types.js';
import type { DecryptionOptions } from './encryption/keys.js';
import { ParquetError } from './errors.js';
import type { IterBatchesOptions, OpenOptions } from './file.js';
import type { FilteredReadOptions, PushdownOptions } from './filter/filtered_read.js';
import type { HttpSourceOptions, OpenSourceOptions } from './source.js';

/** Bad options of the Parquet API are ParquetError('BAD_ARGUMENT'). */
export const parquetOptionsError: OptionsErrorFactory = (message) => new ParquetError('BAD_ARGUMENT', message);

export const HTTP_OPTIONS = optionNames<HttpSourceOptions>({
  headers: true,
  maxConcurrency: true,
  retries: true,
  retryBaseMs: true,
  coalesceGap: true,
  footerPrefetch: true,
  timeoutMs: true,
});
export const SOURCE_OPTIONS = optionNames<OpenSourceOptions>({ http: true });
export const DECRYPTION_OPTIONS = optionNames<DecryptionOptions>({
  footerKey: true,
  columnKeys: true,
  keyRetriever: true,
  aadPrefix: true,
  verifyFooterSignature: true,
});
export const OPEN_OPTIONS = optionNames<OpenOptions>({
  http: true,
  verifyChecksums: true,
  decryption: true,
  int96TimestampUnit: true,
});
export const ITER_BATCHES_OPTIONS = optionNames<IterBatchesOptions>({
  columns: true,
  rowGroups: true,
  readDictionary: true,
});
export const PUSHDOWN_OPTIONS = optionNames<PushdownOptions>({ filters: true, onStats: true });
export const FILTERED_READ_OPTIONS = optionNames<FilteredReadOptions>({
  filters: true,
  columns: true,
  rowGroups: true,
  onStats: true,
});

/** Checks the options of opening a source (`http`, nested). */
export function checkSourceOptions(
  options: OpenSourceOptions | undefined,
  where: string,
  valid = SOURCE_OPTIONS,
): void {
  checkOptions(options, valid, where, parquetOptionsError);
  checkOptions(options?.http, HTTP_OPTIONS, `${where}: http`, parquetOptionsError);
}

/** Checks `options` against `valid`, which includes the open options: their nested objects and values too. */
export function checkOpenOptions(options: OpenOptions | undefined, where: string, valid = OPEN_OPTIONS): void {
  checkSourceOptions(options, where, valid);
  checkOptions(options?.decryption, DECRYPTION_OPTIONS, `${where}: decryption`, parquetOptionsError);
  const unit = options?.int96TimestampUnit;
  if (unit !== undefined && !INT96_TIMESTAMP_UNITS.includes(unit)) {
    throw new ParquetError(
      'BAD_ARGUMENT',
      `${where}: int96TimestampUnit must be one of ${INT96_TIMESTAMP_UNITS.join(', ')}, got ${JSON.stringify(unit)}`,
    );
  }
}

/** The open options among `options` (what a function that opens files hands to ParquetFile.open). */
export function openOptionsOf(options: OpenOptions): OpenOptions {
  const out: Record<string, unknown> = {};
  for (const key of OPEN_OPTIONS) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as OpenOptions;
}
