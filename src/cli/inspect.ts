/**
 * `tessera inspect`: a file's footer summarised per row group and column chunk, as a report object (printed as one
 * JSON document with --json) and as aligned text.
 *
 * JSON shape (InspectReport): every size and count is a JSON number (the reader keeps i64 metadata as numbers and
 * rejects values beyond 2^53); statistics min/max follow `StatisticValue.json` (numbers when exact, else strings in
 * the textual forms of `tessera cat`). Absent optional fields are null.
 */
import { CompressionCodec, Encoding, enumName, Type } from '../parquet/metadata/enums.js';
import type { FileMetaData, SchemaElement } from '../parquet/metadata/types.js';
import type { ParquetSchema } from '../parquet/schema.js';
import { annotationText } from './schema_text.js';
import { type StatisticValue, summarizeStatistics } from './statistics_text.js';

/** Statistics of a column chunk in the JSON report. */
export interface InspectStatistics {
  nullCount: number | null;
  distinctCount: number | null;
  min: StatisticValue | null;
  max: StatisticValue | null;
  /** True when min/max come from the deprecated min/max fields. */
  deprecatedMinMax: boolean;
}

/** One column chunk in the JSON report. */
export interface InspectColumnChunk {
  path: string;
  physicalType: string;
  /** Logical (or converted) type as the schema notation writes it, e.g. "TIMESTAMP(MICROS,true)". */
  logicalType: string | null;
  encodings: string[];
  codec: string;
  numValues: number;
  compressedSize: number;
  uncompressedSize: number;
  dataPageOffset: number;
  dictionaryPageOffset: number | null;
  statistics: InspectStatistics | null;
}

/** One row group in the JSON report. */
export interface InspectRowGroup {
  index: number;
  numRows: number;
  totalByteSize: number;
  totalCompressedSize: number | null;
  columns: InspectColumnChunk[];
}

/** The whole `tessera inspect --json` document. */
export interface InspectReport {
  file: string;
  numRows: number;
  numRowGroups: number;
  numColumns: number;
  formatVersion: number;
  createdBy: string | null;
  keyValueMetadataKeys: string[];
  rowGroups: InspectRowGroup[];
}

/** Builds the report of file `name` from its footer and schema. */
export function inspectReport(name: string, metadata: FileMetaData, schema: ParquetSchema): InspectReport {
  const elements = new Map<string, SchemaElement>();
  for (const column of schema.columns) elements.set(column.path.join('\u0000'), column.element);
  return {
    file: name,
    numRows: metadata.numRows,
    numRowGroups: metadata.rowGroups.length,
    numColumns: schema.columns.length,
    formatVersion: metadata.version,
    createdBy: metadata.createdBy ?? null,
    keyValueMetadataKeys: (metadata.keyValueMetadata ?? []).map((kv) => kv.key),
    rowGroups: metadata.rowGroups.map((rowGroup, index) => ({
      index,
      numRows: rowGroup.numRows,
      totalByteSize: rowGroup.totalByteSize,
      totalCompressedSize: rowGroup.totalCompressedSize ?? null,
      columns: rowGroup.columns.map((chunk, k) => {
        const meta = chunk.metaData;
        const path = meta?.pathInSchema ?? schema.columns[k]?.path ?? [`#${k}`];
        const element = elements.get(path.join('\u0000')) ?? schema.columns[k]?.element;
        const summary = meta?.statistics && element ? summarizeStatistics(meta.statistics, element) : undefined;
        return {
          path: path.join('.'),
          physicalType: enumName(Type, meta?.type ?? element?.type),
          logicalType: element ? (annotationText(element) ?? null) : null,
          encodings: (meta?.encodings ?? []).map((e) => enumName(Encoding, e)),
          codec: enumName(CompressionCodec, meta?.codec),
          numValues: meta?.numValues ?? 0,
          compressedSize: meta?.totalCompressedSize ?? 0,
          uncompressedSize: meta?.totalUncompressedSize ?? 0,
          dataPageOffset: meta?.dataPageOffset ?? chunk.fileOffset,
          dictionaryPageOffset: meta?.dictionaryPageOffset ?? null,
          statistics: summary
            ? {
                nullCount: summary.nullCount ?? null,
                distinctCount: summary.distinctCount ?? null,
                min: summary.min ?? null,
                max: summary.max ?? null,
                deprecatedMinMax: summary.deprecatedMinMax,
              }
            : null,
        };
      }),
    })),
  };
}

/** Longest statistic shown in the text report; the JSON report has the full value. */
const MAX_VALUE_WIDTH = 40;

/** Text of a statistic: strings of text columns quoted (so that "" and spaces show), clipped to a readable width. */
function statisticText(value: StatisticValue | null, logicalType: string | null): string {
  if (value === null) return '';
  const quoted =
    typeof value === 'string' && (logicalType === 'STRING' || logicalType === 'ENUM' || logicalType === 'JSON');
  return clip(quoted ? JSON.stringify(value) : String(value));
}

function clip(text: string): string {
  return text.length <= MAX_VALUE_WIDTH ? text : `${text.slice(0, MAX_VALUE_WIDTH - 1)}…`;
}

function table(header: string[], rows: string[][], indent: string): string[] {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((c, k) => (k === cells.length - 1 ? c : c.padEnd(widths[k]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The report as aligned text: a file summary, then one table of column chunks per row group. */
export function renderInspectText(report: InspectReport): string {
  const lines = [
    `file: ${report.file}`,
    `rows: ${report.numRows}`,
    `row groups: ${report.numRowGroups}`,
    `columns: ${report.numColumns}`,
    `format version: ${report.formatVersion}`,
    `created by: ${report.createdBy ?? '(unknown)'}`,
    `key-value metadata: ${report.keyValueMetadataKeys.length ? report.keyValueMetadataKeys.join(', ') : '(none)'}`,
  ];
  const header = [
    'column',
    'type',
    'encodings',
    'codec',
    'values',
    'compressed',
    'uncompressed',
    'nulls',
    'min',
    'max',
  ];
  for (const rowGroup of report.rowGroups) {
    const compressed =
      rowGroup.totalCompressedSize === null ? '' : `, ${rowGroup.totalCompressedSize} bytes compressed`;
    lines.push(
      '',
      `row group ${rowGroup.index}: ${rowGroup.numRows} rows, ${rowGroup.totalByteSize} bytes${compressed}`,
    );
    const rows = rowGroup.columns.map((c) => {
      const stats = c.statistics;
      const note = stats?.deprecatedMinMax ? ' (deprecated min/max)' : '';
      return [
        c.path,
        c.logicalType ? `${c.physicalType} ${c.logicalType}` : c.physicalType,
        c.encodings.join(','),
        c.codec,
        `${c.numValues}`,
        `${c.compressedSize}`,
        `${c.uncompressedSize}`,
        stats?.nullCount == null ? '' : `${stats.nullCount}`,
        statisticText(stats?.min ?? null, c.logicalType),
        statisticText(stats?.max ?? null, c.logicalType) + note,
      ];
    });
    lines.push(...table(header, rows, '  '));
  }
  return `${lines.join('\n')}\n`;
}
