// readParquet: plans one partition per row group (or per N row groups, or by a target size, never across files)
// from the footers, in the calling thread; each partition's task reads its row groups where it runs.
import { fieldFromArrow } from '../columnar/from_arrow.js';
import type { Field } from '../columnar/types.js';
import type { TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import type { Int96TimestampUnit } from '../parquet/arrow_types.js';
import { DATASET_OPTIONS, type Dataset, type DatasetOptions, openDataset } from '../parquet/dataset/dataset.js';
import { type DnfFilter, parseDatasetFilter, residualFilter } from '../parquet/dataset/filter.js';
import { ParquetError, toParquetError } from '../parquet/errors.js';
import type { ParquetFile } from '../parquet/file.js';
import { bindFilter } from '../parquet/filter/bound_filter.js';
import { chunkBounds } from '../parquet/filter/bounds.js';
import { type Filter, parseFilter } from '../parquet/filter/expression.js';
import { mayMatch } from '../parquet/filter/prune.js';
import type { FileMetaData, RowGroup } from '../parquet/metadata/types.js';
import { checkOpenOptions, parquetOptionsError } from '../parquet/options.js';
import { ParquetSchema } from '../parquet/schema.js';
import { divisionsFromRanges, rowGroupsRange } from './divisions.js';
import { fromPartitions } from './emit.js';
import type { DataFrame, Divisions } from './frame.js';
import { type ParquetPartitionSpec, type PartitionConstant, readParquetPartition } from './ops/read.js';
import { dictionaryColumns, dictionaryField } from './read_dictionary.js';

/** Options of {@link readParquet}. */
export interface ReadParquetOptions {
  /** Columns to read: data and hive partition columns (default all), in this order. */
  columns?: readonly string[];
  /**
   * Rows to keep: a DNF list (`[['year', '=', 2024], ['x', '>', 0]]`) or an expression object (`{ and: [...] }`)
   * over data and partition columns. Files whose hive partition values rule it out are not read; what is left of it
   * for a file is pushed into that file's read.
   */
  filters?: Filter | DnfFilter;
  /**
   * Row groups per partition: true or 1 (default) one partition per row group; N groups N consecutive row groups;
   * false one partition per file.
   */
  splitRowGroups?: boolean | number;
  /**
   * Target uncompressed bytes per partition: consecutive row groups of a file are grouped until they reach it
   * (overrides splitRowGroups).
   */
  blocksize?: number;
  /**
   * A column sorted across the data: divisions come from its row-group statistics when they show the partitions
   * ordered and disjoint (dask's calculate_divisions); otherwise divisions stay unknown.
   */
  sortedBy?: string;
  /** Unit INT96 timestamps read in (default 'us'); overrides `dataset.int96TimestampUnit`. */
  int96TimestampUnit?: Int96TimestampUnit;
  /**
   * String/binary columns kept as dictionaries (codes + dictionary, pyarrow's `read_dictionary`): a list of names,
   * true for every string/binary column, false for none. Default: those whose chunks (in the first file) are
   * entirely dictionary-encoded, unless `filters` are given.
   */
  readDictionary?: readonly string[] | boolean;
  /** Dataset options (hive partitioning, schema unification, summary files). */
  dataset?: DatasetOptions;
}

const READ_PARQUET_OPTIONS = optionNames<ReadParquetOptions>({
  columns: true,
  filters: true,
  splitRowGroups: true,
  blocksize: true,
  sortedBy: true,
  int96TimestampUnit: true,
  readDictionary: true,
  dataset: true,
});

/** What planning needs of a file: its footer, schema and row groups (no open file). */
type FooterView = Pick<ParquetFile, 'metadata' | 'schema' | 'rowGroups'>;

/**
 * The footer of data file `path` of `dataset`: the one the dataset read at open (openDataset reads every footer to
 * unify the schemas), so that planning neither opens the file nor decodes its footer a second time.
 */
async function plannedFooter(dataset: Dataset, path: string): Promise<FooterView> {
  const metadata = await dataset.footer(path);
  let schema = plannedSchemas.get(metadata);
  if (!schema) {
    try {
      schema = new ParquetSchema(metadata.schema);
    } catch (err) {
      throw toParquetError(err, { file: path }, 'BAD_SCHEMA');
    }
    plannedSchemas.set(metadata, schema);
  }
  return { metadata, schema, rowGroups: metadata.rowGroups };
}

/** Schemas built by planning, per decoded footer: the footer cache hands the same footer to every readParquet of an
 *  unchanged file, so a repeated plan does not rebuild them. */
const plannedSchemas = new WeakMap<FileMetaData, ParquetSchema>();

interface Planned {
  readonly spec: ParquetPartitionSpec;
  /** Rows the partition's row groups hold (before any filter). */
  readonly rows: number;
  readonly range?: ReturnType<typeof rowGroupsRange>;
}

/**
 * The row groups of `file` whose statistics do not rule out `filter` (the reader's own pruning, done at planning so
 * that no partition is made for them).
 */
function candidateRowGroups(file: FooterView, filter: Filter | undefined): number[] {
  const all = file.rowGroups.map((_, i) => i);
  if (!filter) return all;
  const bound = bindFilter(parseFilter(filter), file.schema);
  return all.filter((index) =>
    mayMatch(bound, (leaf) => {
      const meta = file.rowGroups[index]!.columns[leaf.column.columnIndex]?.metaData;
      if (!meta) return undefined;
      const order = file.metadata.columnOrders?.[leaf.column.columnIndex];
      return chunkBounds(meta.statistics, meta.numValues, leaf.column, leaf.domain, order);
    }),
  );
}

function groupRowGroups(
  rowGroups: readonly RowGroup[],
  all: readonly number[],
  options: ReadParquetOptions,
): number[][] {
  if (options.blocksize !== undefined) {
    const groups: number[][] = [];
    let current: number[] = [];
    let bytes = 0;
    for (const i of all) {
      current.push(i);
      bytes += rowGroups[i]!.totalByteSize;
      if (bytes >= options.blocksize) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
    }
    if (current.length) groups.push(current);
    return groups;
  }
  const split = options.splitRowGroups ?? true;
  const per = split === false ? Math.max(1, all.length) : split === true ? 1 : Math.max(1, Math.floor(split));
  const groups: number[][] = [];
  for (let g = 0; g < all.length; g += per) groups.push(all.slice(g, g + per));
  return groups;
}

/** The reader options a partition task carries (plain data: no decryption keys), or undefined when all default. */
function partitionReadOptions(options: DatasetOptions): ParquetPartitionSpec['open'] {
  const open: { verifyChecksums?: boolean; int96TimestampUnit?: Int96TimestampUnit } = {};
  if (options.verifyChecksums !== undefined) open.verifyChecksums = options.verifyChecksums;
  if (options.int96TimestampUnit !== undefined) open.int96TimestampUnit = options.int96TimestampUnit;
  return Object.keys(open).length ? open : undefined;
}

/**
 * A lazy frame over Parquet data: a file path, a directory, a glob, a list of files or an opened Dataset (hive
 * partition columns come after the data columns). Footers are read now to plan the partitions; rows are read by
 * the partition tasks, with `filters` pushed into the reader.
 */
export async function readParquet(
  input: string | readonly string[] | Dataset,
  options: ReadParquetOptions = {},
): Promise<DataFrame> {
  checkOptions(options, READ_PARQUET_OPTIONS, 'readParquet', parquetOptionsError);
  checkOpenOptions(options.dataset, 'readParquet: dataset', DATASET_OPTIONS);
  const opening = typeof input === 'string' || Array.isArray(input);
  if (!opening && (options.dataset !== undefined || options.int96TimestampUnit !== undefined)) {
    throw new ParquetError(
      'BAD_ARGUMENT',
      'readParquet: `dataset` and `int96TimestampUnit` apply when opening files; give them to openDataset instead',
    );
  }
  const int96TimestampUnit = options.int96TimestampUnit ?? options.dataset?.int96TimestampUnit;
  const openOptions: DatasetOptions = {
    ...options.dataset,
    ...(int96TimestampUnit !== undefined ? { int96TimestampUnit } : {}),
  };
  const dataset = opening ? await openDataset(input as string, openOptions) : (input as Dataset);
  const fileOptions = dataset.openOptions;
  const partitionNames = new Set(dataset.partitionColumns.map((c) => c.name));
  const allFields = dataset.schema.fields.map(fieldFromArrow);
  const wanted = options.columns ?? allFields.map((f) => f.name);
  for (const name of wanted) {
    if (!allFields.some((f) => f.name === name)) {
      throw new ParquetError(
        'BAD_ARGUMENT',
        `readParquet: no column ${JSON.stringify(name)} in ${allFields.map((f) => f.name).join(', ')}`,
      );
    }
  }
  let dataFields = wanted.filter((n) => !partitionNames.has(n)).map((n) => allFields.find((f) => f.name === n)!);
  let dictionaries: Set<string> | undefined;
  const partitionColumns = wanted
    .filter((n) => partitionNames.has(n))
    .map((n) => dataset.partitionColumns.find((c) => c.name === n)!);
  const natural: Field[] = [...dataFields, ...partitionColumns.map((c) => fieldFromArrow(c.field))];
  const order = natural.some((f, i) => f.name !== wanted[i]) ? [...wanted] : undefined;
  const filters = options.filters;
  if (Array.isArray(filters) && filters.length === 0)
    throw new ParquetError('BAD_ARGUMENT', 'readParquet: empty filters list');
  const node = filters && parseDatasetFilter(filters);
  const kinds = new Map(dataset.partitionColumns.map((c) => [c.name, c.kind]));
  const fragments = filters ? dataset.matchingFragments(filters) : dataset.fragments;
  const planned: Planned[] = [];
  const readOptions = partitionReadOptions(fileOptions);
  for (const fragment of fragments) {
    const file = await plannedFooter(dataset, fragment.path);
    if (!dictionaries) {
      // Decided once, from the first file: every partition must have the frame's column types.
      dictionaries = dictionaryColumns(file, dataFields, options.readDictionary, filters !== undefined);
      const kept = dictionaries;
      dataFields = dataFields.map((f) => (kept.has(f.name) ? dictionaryField(f) : f));
    }
    const present = new Set(file.schema.root.children.map((c) => c.name));
    const filter = residualFilter(node, fragment.partition, kinds, present);
    if (filter === 'none') continue;
    const constants: PartitionConstant[] = partitionColumns.map((c) => ({
      field: fieldFromArrow(c.field),
      kind: c.kind,
      value: fragment.partition.get(c.name) ?? null,
    }));
    const sorted = options.sortedBy ? file.schema.columns.find((c) => c.name === options.sortedBy) : undefined;
    for (const rowGroups of groupRowGroups(file.rowGroups, candidateRowGroups(file, filter), options)) {
      const spec: ParquetPartitionSpec = {
        path: fragment.path,
        rowGroups,
        dataFields,
        constants,
        ...(dictionaries.size > 0 ? { readDictionary: [...dictionaries].filter((n) => present.has(n)) } : {}),
        ...(filter ? { filter } : {}),
        ...(order ? { order } : {}),
        ...(readOptions ? { open: readOptions } : {}),
      };
      planned.push({
        spec,
        rows: rowGroups.reduce((n, i) => n + Number(file.rowGroups[i]!.numRows), 0),
        range: sorted
          ? rowGroupsRange(
              rowGroups.map((i) => file.rowGroups[i]!),
              sorted,
            )
          : undefined,
      });
    }
  }
  if (planned.length === 0)
    planned.push({
      rows: 0,
      spec: {
        path: '',
        rowGroups: [],
        dataFields,
        constants: partitionColumns.map((c) => ({ field: fieldFromArrow(c.field), kind: c.kind, value: null })),
        ...(order ? { order } : {}),
      },
    });
  const finalNatural: Field[] = [...dataFields, ...partitionColumns.map((c) => fieldFromArrow(c.field))];
  const fields = wanted.map((n) => finalNatural.find((f) => f.name === n)!);
  let divisions: Divisions | undefined;
  if (options.sortedBy) {
    if (!fields.some((f) => f.name === options.sortedBy)) {
      throw new ParquetError(
        'BAD_ARGUMENT',
        `readParquet: sortedBy ${JSON.stringify(options.sortedBy)} is not a selected column`,
      );
    }
    divisions = divisionsFromRanges(planned.map((p) => p.range));
  }
  const fn = opName(readParquetPartition);
  const specs: TaskSpec[] = planned.map((p) => ({ fn, args: [p.spec] }));
  return fromPartitions(specs, fields, {
    name: 'read-parquet',
    divisions,
    index: divisions ? options.sortedBy : undefined,
    // Row counts come from the footers unless a filter drops rows at read time.
    partitionLengths: planned.some((p) => p.spec.filter) ? undefined : planned.map((p) => p.rows),
  });
}
