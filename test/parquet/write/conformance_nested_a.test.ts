// Writer conformance matrix, nested columns (issue 4, "Conformance"): lists, lists of structs, structs with nullable
// children, maps, lists of lists and fixed-size lists, nulls and empties at every level, x every encoding that
// applies to a leaf x page v1/v2, with the codecs uncompressed, snappy and gzip (the others in the sibling file). Each file is
// read back by tessera, DuckDB and parquet-wasm, value for value.
import t from 'tap';
import { openDuckDB } from '../../support/duckdb_text.js';
import { nestedColumns } from '../../support/write_cases.js';
import { matrixTests } from '../../support/write_conformance.js';

const duckdb = await openDuckDB();
t.teardown(() => duckdb.closeSync());

matrixTests(t, duckdb, ['uncompressed', 'snappy', 'gzip'], () => nestedColumns(1000));
