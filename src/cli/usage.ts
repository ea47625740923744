/** Help texts of the `tessera` command. */

/** Top-level help (`tessera --help`). */
export const MAIN_USAGE = `Usage: tessera <command> [options]

Commands:
  schema FILE               print the Parquet schema tree
  inspect FILE [--json]     print row groups and column chunks: encodings, codecs, sizes, statistics
  cat FILE [options]        print rows as ndjson (default) or CSV
  convert IN OUT [options]  convert CSV, NDJSON, Arrow IPC or Parquet to Parquet, or Parquet to CSV or NDJSON
  scheduler [options]       run a cluster scheduler
  worker ADDRESS [options]  run a cluster worker of the scheduler at ADDRESS
  token                     print a new random cluster token

Run 'tessera <command> --help' for the options of a command.
`;

/** Help of each command (`tessera <command> --help`). */
export const COMMAND_USAGE: Record<'schema' | 'inspect' | 'cat' | 'convert', string> = {
  schema: `Usage: tessera schema FILE

Prints the schema of a Parquet file in the notation of parquet-java (message ... { required int64 id; ... }).
`,
  inspect: `Usage: tessera inspect FILE [--json]

Prints the file summary (rows, row groups, created_by, key-value metadata keys) and, per row group and column
chunk: path, physical and logical type, encodings, codec, value count, compressed and uncompressed sizes, and
statistics (null count, min and max in readable form).

  --json     print the same as one JSON document
`,
  cat: `Usage: tessera cat FILE [--columns a,b] [--limit N] [--format ndjson|csv]

Prints the rows of a Parquet file, reading one row group at a time.

  -c, --columns a,b        columns to print: top-level names or dotted leaf paths (default: all)
  -n, --limit N            print at most N rows
  -f, --format FORMAT      ndjson (default): one JSON object per row; csv: header row, RFC 4180 quoting
`,
  convert: `Usage: tessera convert IN OUT [--codec C] [--row-group-size N] [--page-version 1|2] [--overwrite]

Converts IN to OUT, formats told by their extensions:
  IN   .parquet, .csv, .ndjson or .jsonl, .arrow (Arrow IPC file or stream; also .arrows, .feather, .ipc)
  OUT  .parquet; or .csv, .ndjson, .jsonl when IN is Parquet (the rows as 'tessera cat' prints them)

Input is streamed in batches of 65,536 rows, so files larger than memory convert in bounded memory. CSV needs a
header row (RFC 4180 quoting; an empty field is null, "" the empty string); NDJSON holds one JSON object per line.
Their column types are inferred from the first 20,480 rows as DuckDB does: BIGINT, DOUBLE, BOOLEAN, DATE,
TIMESTAMP[TZ] or VARCHAR for CSV; integers, doubles, booleans, strings, nested objects (structs) and arrays (lists)
for NDJSON. A later value that does not fit its column's type stops the conversion with its line and column.
OUT appears only once complete; a progress bar is shown on a terminal for long conversions.

  --codec C                Parquet compression: uncompressed, snappy (default), gzip, brotli, zstd, lz4_raw
  --row-group-size N       rows per Parquet row group (default 1,048,576)
  --page-version 1|2       Parquet data page version (default 1)
  --overwrite              replace OUT if it exists
`,
};
