/** Help texts of the `tessera` command. */

/** Top-level help (`tessera --help`). */
export const MAIN_USAGE = `Usage: tessera <command> [options]

Commands:
  schema FILE               print the Parquet schema tree
  inspect FILE [--json]     print row groups and column chunks: encodings, codecs, sizes, statistics
  cat FILE [options]        print rows as ndjson (default) or CSV

Run 'tessera <command> --help' for the options of a command.
`;

/** Help of each command (`tessera <command> --help`). */
export const COMMAND_USAGE: Record<'schema' | 'inspect' | 'cat', string> = {
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
};
