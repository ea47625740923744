// Dataset: many Parquet files read as one table, with hive partition columns, partition pruning by a DNF filter,
// `_metadata` / `_common_metadata` summary files, and one schema unified across the files.
import { dirname } from 'node:path';
import * as arrow from 'apache-arrow';
import { checkOptions, optionNames } from '../../options/check.js';
import { ParquetError, toParquetError } from '../errors.js';
import { type OpenOptions, ParquetFile } from '../file.js';
import type { Filter, FilterNode } from '../filter/expression.js';
import { filteredBatches } from '../filter/filtered_read.js';
import { emptyReadStats, type ReadStats } from '../filter/read_stats.js';
import type { FileMetaData } from '../metadata/types.js';
import { checkOpenOptions, OPEN_OPTIONS, openOptionsOf, parquetOptionsError } from '../options.js';
import { checkThreads, defaultReadThreads, isLocalPath, readRowGroupsParallel } from '../parallel/read_parallel.js';
import { type ConstantColumn, conformBatch } from './conform_batch.js';
import { type DiscoveredFile, discoverFiles } from './discover_files.js';
import {
  filterColumns,
  type PartitionKind,
  type PartitionValue,
  parseDatasetFilter,
  partitionMayMatch,
  residualFilter,
} from './filter.js';
import { footerCache } from './footer_cache.js';
import {
  constantPartitionData,
  inferPartitionColumns,
  type PartitionColumn,
  parseHivePath,
  type RawPartition,
  typedPartitionValue,
} from './hive.js';
import { readSummaryMetadata } from './summary_files.js';
import { unifySchemas } from './unify_schema.js';

/** Options of openDataset. */
export interface DatasetOptions extends OpenOptions {
  /** Read `key=value` directories as partition columns (default 'hive'); false leaves paths alone. */
  partitioning?: 'hive' | false;
  /**
   * Read every file's footer at open and unify their schemas (default true, like DuckDB's union_by_name). With
   * false the schema comes from `_common_metadata`, else the first file (pyarrow's default), and footers are read
   * only for files a read needs. With a `_metadata` summary no data-file footer is read either way.
   */
  unifySchemas?: boolean;
  /** Use `_metadata` / `_common_metadata` at the root when present (default true). */
  useSummaryFiles?: boolean;
}

/** One file of a dataset and its partition values. */
export interface Fragment {
  readonly path: string;
  /** Typed partition values by key: bigint for integer keys, days since 1970-01-01 (bigint) for dates, strings. */
  readonly partition: ReadonlyMap<string, PartitionValue>;
}

/** Options of Dataset reads. */
export interface DatasetReadOptions {
  /** Columns to read (data and partition columns; default all). */
  columns?: readonly string[];
  /**
   * A filter, as readTable takes it (DNF lists or and/or/not expressions) over data and partition columns: files
   * whose partition values rule it out are not opened; what is left of it for a file goes into that file's
   * pushdown (row groups, pages and bloom filters it rules out are not read, other rows are dropped).
   */
  filters?: Filter;
  /** With `filters`: receives the reader's counters summed over the files read, when the read ends. */
  onStats?: (stats: ReadStats) => void;
}

/** Every option openDataset takes. */
export const DATASET_OPTIONS: readonly string[] = [
  ...OPEN_OPTIONS,
  ...optionNames<Omit<DatasetOptions, keyof OpenOptions>>({
    partitioning: true,
    unifySchemas: true,
    useSummaryFiles: true,
  }),
];
const DATASET_READ_OPTIONS = optionNames<DatasetReadOptions>({ columns: true, filters: true, onStats: true });

/** Options of Dataset.toTable. */
export interface DatasetTableOptions extends DatasetReadOptions {
  /** Threads that decode the files (default: the number of cores, or 1 in a worker thread); 1 reads on the calling
   *  thread. */
  threads?: number;
}

const DATASET_TABLE_OPTIONS = optionNames<DatasetTableOptions>({
  columns: true,
  filters: true,
  onStats: true,
  threads: true,
});

/** Counters of what a dataset has read, to check that pruning and summary files save work. */
export interface DatasetStats {
  /** Footers read: data files opened with their footer, plus summary files. */
  footersRead: number;
  /** Footers (data or summary files) taken from this thread's footer cache instead: files unchanged since this
   *  thread decoded them (see footer_cache.ts). */
  footersCached: number;
  /** Data files opened to read rows. */
  dataFilesOpened: number;
}

interface FragmentState extends Fragment {
  metadata?: FileMetaData;
}

/** Many Parquet files as one table. Create with openDataset. */
export class Dataset {
  /** The unified Arrow schema: data columns, then partition columns. */
  readonly schema: arrow.Schema;
  /** The partition columns (empty without hive partitioning). */
  readonly partitionColumns: readonly PartitionColumn[];
  readonly stats: DatasetStats;
  private readonly state: readonly FragmentState[];
  private readonly dataFields: readonly arrow.Field[];
  private readonly options: DatasetOptions;

  /** @internal */
  constructor(
    fragments: readonly FragmentState[],
    dataSchema: arrow.Schema,
    partitionColumns: readonly PartitionColumn[],
    stats: DatasetStats,
    options: DatasetOptions,
  ) {
    this.state = fragments;
    this.partitionColumns = partitionColumns;
    const partitionNames = new Set(partitionColumns.map((c) => c.name));
    // A file column named like a partition key is replaced by the partition value (DuckDB's rule).
    this.dataFields = dataSchema.fields.filter((f) => !partitionNames.has(f.name));
    this.schema = new arrow.Schema([...this.dataFields, ...partitionColumns.map((c) => c.field)], dataSchema.metadata);
    this.stats = stats;
    this.options = options;
  }

  /** The reader options its files are opened with (checksums, decryption, INT96 unit). */
  get openOptions(): OpenOptions {
    return openOptionsOf(this.options);
  }

  /** The data files, in read order. */
  get files(): string[] {
    return this.state.map((f) => f.path);
  }

  /** The files and their partition values. */
  get fragments(): Fragment[] {
    return this.state.map(({ path, partition }) => ({ path, partition }));
  }

  /**
   * The footer of data file `path` (one of `files`): the one read at open when the dataset keeps it, else read now
   * (and kept, unless the file is encrypted).
   */
  async footer(path: string): Promise<FileMetaData> {
    const fragment = this.state.find((f) => f.path === path);
    if (!fragment) throw new ParquetError('BAD_ARGUMENT', `no data file ${JSON.stringify(path)} in the dataset`);
    return this.footerOf(fragment);
  }

  /** The fragments whose partition values may match `filter` (all without one). */
  matchingFragments(filter?: Filter): Fragment[] {
    return this.matching(filter).map(({ path, partition }) => ({ path, partition }));
  }

  /**
   * Number of rows matching `filter`. Over partition columns only, it comes from footers or `_metadata` without
   * reading data; terms on data columns read those columns (with pushdown).
   */
  async countRows(options: Pick<DatasetReadOptions, 'filters'> = {}): Promise<number> {
    checkOptions(options, ['filters'], 'Dataset.countRows', parquetOptionsError);
    let total = 0;
    const partitionNames = new Set(this.partitionColumns.map((c) => c.name));
    const node = options.filters && parseDatasetFilter(options.filters);
    const dataTerms = node ? [...filterColumns(node)].filter((c) => !partitionNames.has(c)) : [];
    if (dataTerms.length > 0) {
      for await (const batch of this.iterBatches({ filters: options.filters, columns: dataTerms }))
        total += batch.numRows;
      return total;
    }
    for (const fragment of this.matching(options.filters)) total += (await this.footerOf(fragment)).numRows;
    return total;
  }

  /**
   * Reads the selected columns of the matching files into one Arrow table. `threads` (default: the number of
   * cores) decodes the row groups and columns of every local file on worker threads, several files at once, as
   * readTable does; files read with data-column filters, encrypted files and datasets opened with `decryption`
   * options are read on the calling thread. The table is the same whatever the thread count.
   */
  async toTable(options: DatasetTableOptions = {}): Promise<arrow.Table> {
    checkOptions(options, DATASET_TABLE_OPTIONS, 'Dataset.toTable', parquetOptionsError);
    checkThreads(options.threads, 'Dataset.toTable');
    const { threads = defaultReadThreads(), ...readOptions } = options;
    const batches: arrow.RecordBatch[] = [];
    const parts: Part[] = [];
    for await (const part of this.parts(readOptions, threads)) parts.push(part);
    for (const part of parts) {
      if (part instanceof arrow.RecordBatch) batches.push(part);
      else batches.push(...(await part.pending));
    }
    if (batches.length === 0) return new arrow.Table(this.selectedSchema(options.columns));
    return new arrow.Table(batches);
  }

  /** Yields one record batch per row group of each matching file, in file order, in the dataset's schema. */
  async *iterBatches(options: DatasetReadOptions = {}): AsyncGenerator<arrow.RecordBatch, void, undefined> {
    checkOptions(options, DATASET_READ_OPTIONS, 'Dataset.iterBatches', parquetOptionsError);
    for await (const part of this.parts(options, 1)) yield part as arrow.RecordBatch;
  }

  /** The batches of the matching files in order; with `threads` > 1, a local file's batches come as one promise of
   *  its parallel read, started at once, so that the reads of several files overlap on the pool. */
  private async *parts(options: DatasetReadOptions, threads: number): AsyncGenerator<Part, void, undefined> {
    const { dataFields, partitions } = this.selection(options.columns);
    const node = options.filters && parseDatasetFilter(options.filters);
    const kinds = this.partitionKinds();
    const stats = emptyReadStats();
    try {
      yield* this.readFragments(node, dataFields, partitions, kinds, stats, threads);
    } finally {
      if (node) options.onStats?.(stats);
    }
  }

  private async *readFragments(
    node: FilterNode | undefined,
    dataFields: readonly arrow.Field[],
    partitions: readonly PartitionColumn[],
    kinds: ReadonlyMap<string, PartitionKind>,
    stats: ReadStats,
    threads: number,
  ): AsyncGenerator<Part, void, undefined> {
    for (const fragment of this.matchingNode(node)) {
      const constants: ConstantColumn[] = partitions.map((column) => ({
        field: column.field,
        data: (length) => constantPartitionData(column, fragment.partition.get(column.name) ?? null, length),
      }));
      const file = await this.openData(fragment);
      try {
        const present = new Set(file.schema.root.children.map((c) => c.name));
        const columns = dataFields.map((f) => f.name).filter((name) => present.has(name));
        const residual = residualFilter(node, fragment.partition, kinds, present);
        if (residual === 'none') continue;
        if (residual) {
          // Data-column terms go to the reader's pushdown: row groups and pages they rule out are not read.
          const onStats = (read: ReadStats) => addReadStats(stats, read);
          for await (const batch of filteredBatches(file, { filters: residual, columns, onStats }))
            yield conformBatch(batch, dataFields, constants);
          continue;
        }
        if (columns.length === 0) {
          for (const rowGroup of file.rowGroups)
            yield conformBatch(emptyBatch(rowGroup.numRows), dataFields, constants);
          continue;
        }
        if (threads > 1 && isLocalPath(fragment.path) && !this.options.decryption && !file.encrypted) {
          const read = readRowGroupsParallel({
            path: fragment.path,
            file,
            open: openOptionsOf(this.options),
            rowGroups: file.rowGroups.map((_, i) => i),
            columns,
            threads,
          });
          // Closing the file below is safe: the workers open it themselves, and the read keeps only its metadata.
          const pending = read.then(
            (batches) => batches.map((batch) => conformBatch(batch, dataFields, constants)),
            (err) => {
              throw toParquetError(err, { file: fragment.path });
            },
          );
          // Awaited by toTable in file order; an earlier file's failure must not leave this one unhandled.
          pending.catch(() => undefined);
          yield { pending };
          continue;
        }
        for await (const batch of file.iterBatches({ columns })) yield conformBatch(batch, dataFields, constants);
      } catch (err) {
        throw toParquetError(err, { file: fragment.path });
      } finally {
        await file.close();
      }
    }
  }

  private matching(filter?: Filter): FragmentState[] {
    return this.matchingNode(filter && parseDatasetFilter(filter));
  }

  private matchingNode(node: FilterNode | undefined): FragmentState[] {
    if (!node) return [...this.state];
    const names = new Set(this.schema.fields.map((f) => f.name));
    for (const column of filterColumns(node)) {
      if (!names.has(column)) throw new ParquetError('BAD_ARGUMENT', `filters: no column named ${column}`);
    }
    const kinds = this.partitionKinds();
    return this.state.filter((f) => partitionMayMatch(node, f.partition, kinds));
  }

  private partitionKinds(): Map<string, PartitionKind> {
    return new Map(this.partitionColumns.map((c) => [c.name, c.kind]));
  }

  private selection(columns?: readonly string[]): { dataFields: arrow.Field[]; partitions: PartitionColumn[] } {
    if (!columns) return { dataFields: [...this.dataFields], partitions: [...this.partitionColumns] };
    const dataFields: arrow.Field[] = [];
    const partitions: PartitionColumn[] = [];
    for (const name of columns) {
      const partition = this.partitionColumns.find((c) => c.name === name);
      const field = this.dataFields.find((f) => f.name === name);
      if (partition) partitions.push(partition);
      else if (field) dataFields.push(field);
      else throw new ParquetError('BAD_ARGUMENT', `no column named ${JSON.stringify(name)} in the dataset`);
    }
    return { dataFields, partitions };
  }

  private selectedSchema(columns?: readonly string[]): arrow.Schema {
    const { dataFields, partitions } = this.selection(columns);
    return new arrow.Schema([...dataFields, ...partitions.map((c) => c.field)], this.schema.metadata);
  }

  private async footerOf(fragment: FragmentState): Promise<FileMetaData> {
    if (!fragment.metadata) {
      const { file, fromCache } = await footerCache.open(fragment.path, openOptionsOf(this.options));
      countFooter(this.stats, fromCache);
      await file.close();
      if (!file.encrypted) fragment.metadata = file.metadata;
      return file.metadata;
    }
    return fragment.metadata;
  }

  private async openData(fragment: FragmentState): Promise<ParquetFile> {
    this.stats.dataFilesOpened++;
    if (fragment.metadata)
      return ParquetFile.fromMetadata(fragment.path, fragment.metadata, openOptionsOf(this.options));
    const { file, fromCache } = await footerCache.open(fragment.path, openOptionsOf(this.options));
    countFooter(this.stats, fromCache);
    return file;
  }
}

/** Counts a footer obtained: read and decoded, or taken from the footer cache. */
function countFooter(stats: DatasetStats, fromCache: boolean): void {
  if (fromCache) stats.footersCached++;
  else stats.footersRead++;
}

/** Adds one file's read counters to a dataset read's. */
function addReadStats(total: ReadStats, read: ReadStats): void {
  for (const group of ['rowGroups', 'pages', 'bytes', 'rows'] as const) {
    const into = total[group] as unknown as Record<string, number>;
    const from = read[group] as unknown as Record<string, number>;
    for (const key of Object.keys(from)) into[key] = (into[key] ?? 0) + from[key]!;
  }
}

/** A batch, or (parallel reads) the batches of one file still being decoded (wrapped: an async generator would
 *  await a promise it yields). */
type Part = arrow.RecordBatch | { readonly pending: Promise<arrow.RecordBatch[]> };

function emptyBatch(length: number): arrow.RecordBatch {
  const data = arrow.makeData({ type: new arrow.Struct([]), length, nullCount: 0, children: [] });
  return new arrow.RecordBatch(new arrow.Schema([]), data);
}

/**
 * Opens a dataset: a directory (walked recursively, skipping names that start with '.' or '_'), a glob pattern
 * (`*`, `?`, `**`, `[...]`), or a list of files. See DatasetOptions for how much is read at open.
 */
export async function openDataset(input: string | readonly string[], options: DatasetOptions = {}): Promise<Dataset> {
  checkOpenOptions(options, 'openDataset', DATASET_OPTIONS);
  const open = openOptionsOf(options);
  const stats: DatasetStats = { footersRead: 0, footersCached: 0, dataFilesOpened: 0 };
  const discovery = discoverFiles(input);
  const useSummary = options.useSummaryFiles !== false;
  let files: (DiscoveredFile & { metadata?: FileMetaData })[] = discovery.files;
  let schema: arrow.Schema | undefined;
  if (useSummary && discovery.metadataFile) {
    const summary = await readSummaryMetadata(discovery.metadataFile, dirname(discovery.metadataFile), open);
    countFooter(stats, summary.fromCache);
    files = summary.files;
    schema = summary.arrowSchema;
  } else if (useSummary && discovery.commonMetadataFile) {
    const common = await footerCache.schema(discovery.commonMetadataFile, open);
    countFooter(stats, common.fromCache);
    schema = common.arrowSchema;
  }
  if (!schema && options.unifySchemas !== false) {
    const schemas = [];
    const withFooters = [];
    for (const file of files) {
      const footer = await footerCache.schema(file.path, open);
      countFooter(stats, footer.fromCache);
      schemas.push({ file: file.path, schema: footer.arrowSchema });
      withFooters.push(footer.encrypted ? file : { ...file, metadata: footer.metadata });
    }
    files = withFooters;
    schema = unifySchemas(schemas);
  }
  if (!schema) {
    const first = await footerCache.schema(files[0]!.path, open);
    countFooter(stats, first.fromCache);
    schema = first.arrowSchema;
    if (!first.encrypted) files = [{ ...files[0]!, metadata: first.metadata }, ...files.slice(1)];
  }
  const hive = options.partitioning !== false;
  const raw: RawPartition[] = files.map((f) => (hive ? parseHivePath(f.dirs, f.path) : []));
  const columns = hive
    ? inferPartitionColumns(
        raw,
        files.map((f) => f.path),
      )
    : [];
  const fragments: FragmentState[] = files.map((f, i) => ({
    path: f.path,
    partition: new Map(
      raw[i]!.map(([key, value]) => [key, typedPartitionValue(value, columns.find((c) => c.name === key)!.kind)]),
    ),
    ...(f.metadata ? { metadata: f.metadata } : {}),
  }));
  return new Dataset(fragments, schema, columns, stats, options);
}
