// One read for bench/zstd-read.mjs in a fresh process: node bench/zstd-read-child.mjs <reader> <file> full <dataset>
// Prints one JSON line: {ok, ms, cpuMs, error?}. cpuMs is this process's user + system CPU time during the read: on
// a machine shared with other jobs it moves less with their load than the wall time does.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ALL_COLUMNS, EXPECTED_PATH } from './datasets.mjs';
import { reportChildOutcome } from './measure.mjs';
import { loadReader } from './readers/index.mjs';
import { compareChecksums } from './stats/compare.mjs';

async function measure([readerName, path, , datasetName]) {
  const expected = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'))[datasetName];
  if (!expected) throw new Error(`no expected values for dataset ${datasetName} in ${EXPECTED_PATH}`);
  const reader = await loadReader(readerName, { rowGroupSize: expected.rowGroupSize });
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await reader.read(path, null);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const problems = compareChecksums(await reader.checksums(result), expected, ALL_COLUMNS);
  await reader.close?.();
  if (problems.length > 0) return { ok: false, ms, error: `wrong data: ${problems.join('; ')}` };
  return { ok: true, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

await reportChildOutcome(measure);
