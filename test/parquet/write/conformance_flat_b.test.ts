// Writer conformance matrix, flat columns (issue 4, "Conformance"): every flat type x every applicable encoding x
// page v1/v2, with the codecs gzip and brotli (the other codecs are in the sibling conformance_flat_*.test.ts, split so
// that tap runs them in parallel). Each file is read back by tessera, DuckDB and parquet-wasm, value for value.
import t from 'tap';
import { openDuckDB } from '../../support/duckdb_text.js';
import { flatColumns } from '../../support/write_cases.js';
import { matrixTests } from '../../support/write_conformance.js';

const duckdb = await openDuckDB();
t.teardown(() => duckdb.closeSync());

matrixTests(t, duckdb, ['gzip', 'brotli'], () => flatColumns(1000));
