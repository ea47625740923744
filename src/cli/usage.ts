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

Run 'tessera <command> --help' or 'tessera help <command>' for the options of a command;
'tessera --version' prints the version.

Options of every command reading Parquet (schema, inspect, cat, convert from Parquet):
  --footer-key KEY         key of an encrypted footer (and of columns encrypted with it)
  --column-key COL:KEY     key of a column encrypted with its own key (dotted path); repeat for several
  --aad-prefix PREFIX      AAD prefix of a file written with one it does not store
  --no-verify-checksums    do not check page CRC32 checksums
KEY and PREFIX are text (its UTF-8 bytes), or hex:00ff... or base64:... for binary keys.
`;

/** The reader flags every command that opens Parquet takes. */
const READER_HELP = `
  --footer-key KEY         decryption key of the footer (text, hex:..., or base64:...)
  --column-key COL:KEY     decryption key of one column (dotted path); repeat for several
  --aad-prefix PREFIX      AAD prefix the file does not store
  --no-verify-checksums    skip page CRC32 verification
`;

/** Help of each command (`tessera <command> --help`). */
export const COMMAND_USAGE: Record<'schema' | 'inspect' | 'cat' | 'convert', string> = {
  schema: `Usage: tessera schema FILE [decryption options]

Prints the schema of a Parquet file in the notation of parquet-java (message ... { required int64 id; ... }).
${READER_HELP}`,
  inspect: `Usage: tessera inspect FILE [--json]

Prints the file summary (rows, row groups, created_by, key-value metadata keys) and, per row group and column
chunk: path, physical and logical type, encodings, codec, value count, compressed and uncompressed sizes, and
statistics (null count, min and max in readable form).

  --json     print the same as one JSON document
${READER_HELP}`,
  cat: `Usage: tessera cat FILE [--columns a,b] [--limit N] [--format ndjson|csv]

Prints the rows of a Parquet file, reading one row group at a time.

  -c, --columns a,b        columns to print: top-level names or dotted leaf paths (default: all); repeat
                           the flag to add more (-c a -c b)
  -n, --limit N            print at most N rows
  -f, --format FORMAT      ndjson (default): one JSON object per row; csv: header row, RFC 4180 quoting
${READER_HELP}`,
  convert: `Usage: tessera convert IN OUT [--codec C] [--row-group-size N] [--page-version 1|2] [--delimiter D]
                       [--overwrite]

Converts IN to OUT, formats told by their extensions:
  IN   .parquet, .csv, .ndjson or .jsonl, .arrow (Arrow IPC file or stream; also .arrows, .feather, .ipc)
  OUT  .parquet; or .csv, .ndjson, .jsonl when IN is Parquet (the rows as 'tessera cat' prints them)

Input is streamed in batches of 65,536 rows, so files larger than memory convert in bounded memory. CSV needs a
header row (RFC 4180 quoting; an empty field is null, "" the empty string) and its delimiter is detected among
, | ; and tab; NDJSON holds one JSON object per line. Both must be UTF-8 (invalid bytes stop with their line).
Their column types are inferred from the first 20,480 rows as DuckDB does: BIGINT, DOUBLE, BOOLEAN, DATE,
TIMESTAMP, TIMESTAMPTZ (with UTC offsets; stored in UTC) or VARCHAR for CSV, where numbers with leading zeros or a
"+" stay text; integers, doubles, booleans, strings, nested objects (structs) and arrays (lists) for NDJSON. A
later value that does not fit its column's type stops the conversion with its line and column.
OUT appears only once complete; a progress bar is shown on a terminal for long conversions.

  --codec C                Parquet compression: uncompressed, snappy (default), gzip, brotli, zstd, lz4_raw
                           (lz4 is taken as lz4_raw, with a note)
  --row-group-size N       rows per Parquet row group (default 1,048,576)
  --page-version 1|2       Parquet data page version (default 1)
  -d, --delimiter D        CSV field delimiter, one character or 'tab' (default: detected)
  --overwrite              replace OUT if it exists
${READER_HELP}
Interrupted (Ctrl-C, SIGTERM), convert removes its temporary file: OUT never appears half written.
`,
};
