// DuckDB materialising the file into an in-memory temp table (no conversion to JS values), with a fixed thread count.
import { DuckDBInstance } from '@duckdb/node-api';

const CHECKSUM_SQL = {
  id: 'count(id)::BIGINT AS id_count, sum(id)::HUGEINT AS id_sum',
  key: 'count(key)::BIGINT AS key_count, sum(key)::HUGEINT AS key_sum',
  cat: 'count(cat)::BIGINT AS cat_count, sum(length(cat))::BIGINT AS cat_length',
  price: 'count(price)::BIGINT AS price_count, sum(price)::DOUBLE AS price_sum',
  qty: 'count(qty)::BIGINT AS qty_count, sum(qty)::HUGEINT AS qty_sum',
  ts: 'count(ts)::BIGINT AS ts_count, epoch_ms(min(ts))::BIGINT AS ts_min, epoch_ms(max(ts))::BIGINT AS ts_max',
  note: 'count(note)::BIGINT AS note_count, sum(length(note))::BIGINT AS note_length',
};

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/** DuckDB with `SET threads = n`; the instance and connection are created before timing starts. */
export async function createReader({ threads }) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  await connection.run(`SET threads = ${threads}`);
  return {
    async read(path, columns) {
      const select = columns ? columns.map((c) => `"${c}"`).join(', ') : '*';
      await connection.run(`CREATE OR REPLACE TEMP TABLE t AS SELECT ${select} FROM read_parquet(${sqlString(path)})`);
      const reader = await connection.runAndReadAll('SELECT column_name FROM (DESCRIBE t)');
      return reader.getRows().map((row) => row[0]);
    },
    async checksums(names) {
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::BIGINT AS rows, ${names.map((n) => CHECKSUM_SQL[n]).join(', ')} FROM t`,
      );
      const row = reader.getRowObjects()[0];
      const columns = {};
      for (const name of names) {
        const entries = Object.entries(row).filter(([k]) => k.startsWith(`${name}_`));
        columns[name] = Object.fromEntries(entries.map(([k, v]) => [k.slice(name.length + 1), Number(v)]));
      }
      return { rows: Number(row.rows), columns };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
