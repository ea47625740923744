// Which columns readParquet keeps dictionary-encoded (issue 16 item 1). By default a string or binary column whose
// chunks are written with a dictionary stays codes + dictionary in the frame: it is read without expanding one value
// per row, and group-bys work on the codes. A column whose first chunk falls back to plain pages is read plainly,
// as are all columns when a filter is pushed into the read (the filtered reader expands values).
import * as arrow from 'apache-arrow';
import { fieldFromArrow } from '../columnar/from_arrow.js';
import { fieldToArrow } from '../columnar/to_arrow.js';
import type { Field } from '../columnar/types.js';
import { ParquetError } from '../parquet/errors.js';
import type { ParquetFile } from '../parquet/file.js';
import { Encoding, PageType } from '../parquet/metadata/enums.js';
import type { ColumnMetaData } from '../parquet/metadata/types.js';
import { hasDictionaryPage } from '../parquet/read/chunk_range.js';

/** readParquet's `readDictionary`: column names, true (every string/binary column), false (none), or automatic. */
export type ReadDictionaryOption = readonly string[] | boolean | undefined;

const BYTE_KINDS = new Set(['utf8', 'binary']);

/** True when every data page of the chunk is dictionary-encoded (per its encoding stats, when the writer kept any). */
function fullyDictionaryEncoded(meta: ColumnMetaData | undefined): boolean {
  if (!meta || !hasDictionaryPage(meta)) return false;
  const stats = meta.encodingStats;
  if (!stats) return true;
  return stats.every(
    (s) =>
      s.pageType === PageType.DICTIONARY_PAGE ||
      s.count === 0 ||
      s.encoding === Encoding.RLE_DICTIONARY ||
      s.encoding === Encoding.PLAIN_DICTIONARY,
  );
}

/** The data columns to read as dictionaries, decided from the first file of the read. */
export function dictionaryColumns(
  file: Pick<ParquetFile, 'schema' | 'rowGroups'>,
  dataFields: readonly Field[],
  option: ReadDictionaryOption,
  filtered: boolean,
): Set<string> {
  if (Array.isArray(option)) {
    if (filtered && option.length > 0) {
      throw new ParquetError('BAD_ARGUMENT', 'readParquet: readDictionary cannot be combined with filters yet');
    }
    for (const name of option) {
      const field = dataFields.find((f) => f.name === name);
      if (!field)
        throw new ParquetError('BAD_ARGUMENT', `readParquet: readDictionary names ${name}, not a data column read`);
      if (!file.schema.columns.some((c) => c.name === name && c.path.length === 1)) {
        throw new ParquetError('UNSUPPORTED', `readParquet: readDictionary column ${name} is not a flat column`);
      }
    }
    return new Set(option as readonly string[]);
  }
  if (option === false || filtered) return new Set();
  const names = new Set<string>();
  const rowGroup = file.rowGroups[0];
  for (const field of dataFields) {
    if (!BYTE_KINDS.has(field.type.kind)) continue;
    const column = file.schema.columns.find((c) => c.name === field.name && c.path.length === 1);
    if (!column) continue;
    if (option === true || fullyDictionaryEncoded(rowGroup?.columns[column.columnIndex]?.metaData))
      names.add(field.name);
  }
  return names;
}

/** `field` as int32 codes into a dictionary of its values. */
export function dictionaryField(field: Field): Field {
  const arrowField = fieldToArrow(field);
  return fieldFromArrow(
    new arrow.Field(field.name, new arrow.Dictionary(arrowField.type, new arrow.Int32()), field.nullable),
  );
}
