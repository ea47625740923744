// One measurement in a fresh process: node bench/child.mjs <reader> <file> <full|projection> <dataset-name>
// Prints one JSON line on stdout: {ok, ms, peakRss, rssBeforeRead, arrowBytes?, notes?, error?}.
// Peak RSS is process.resourceUsage().maxRSS taken right after the read, before the checksums are computed.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ALL_COLUMNS, EXPECTED_PATH, PROJECTION } from './datasets.mjs';
import { reportChildOutcome } from './measure.mjs';
import { loadReader } from './readers/index.mjs';
import { compareChecksums } from './stats/compare.mjs';

async function measure([readerName, path, task, datasetName]) {
  const expected = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'))[datasetName];
  if (!expected) throw new Error(`no expected values for dataset ${datasetName} in ${EXPECTED_PATH}`);
  const columns = task === 'projection' ? PROJECTION : null;
  const reader = await loadReader(readerName, { rowGroupSize: expected.rowGroupSize });
  const rssBeforeRead = process.memoryUsage().rss;

  const start = performance.now();
  const result = await reader.read(path, columns);
  const ms = performance.now() - start;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  const actual = await reader.checksums(result);
  const problems = compareChecksums(actual, expected, columns ?? ALL_COLUMNS);
  const arrowBytes = reader.arrowBytes ? reader.arrowBytes(result) : undefined;
  const notes = reader.notes ? reader.notes() : [];
  await reader.close?.();
  if (problems.length > 0) return { ok: false, ms, peakRss, error: `wrong data: ${problems.join('; ')}` };
  return { ok: true, ms, peakRss, rssBeforeRead, arrowBytes, notes };
}

await reportChildOutcome(measure);
