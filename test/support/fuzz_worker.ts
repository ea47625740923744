// Runs in a worker thread for test/parquet/fuzz.test.ts: reads mutants of fixture files and reports every read
// that throws anything but a ParquetError, takes too long, or grows memory too much. Before each read it tells the
// parent which mutant it starts, so that the parent can name the mutant that hangs and terminate the thread.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { arena } from '../../src/kernels/arena.js';
import { ParquetError, ParquetFile, readTable } from '../../src/parquet/index.js';
import { type FileLayout, mutate } from './fuzz_mutants.js';

/** What the parent passes. */
export interface FuzzJob {
  readonly fixtures: readonly string[];
  readonly seed: number;
  readonly mutantsPerFixture: number;
  /** Only this mutant of the first fixture (to reproduce a failure). */
  readonly only?: number;
  readonly maxMillis: number;
  readonly maxGrowthBytes: number;
}

/** One read that broke a rule. */
export interface FuzzFailure {
  readonly fixture: string;
  readonly index: number;
  readonly description: string;
  readonly problem: string;
}

/** Messages to the parent. */
export type FuzzMessage =
  | { kind: 'start'; fixture: string; index: number; description: string }
  | { kind: 'summary'; failures: FuzzFailure[]; reads: number; outcomes: Record<string, number>; peakGrowth: number };

async function layoutOf(bytes: Uint8Array): Promise<FileLayout> {
  const file = await ParquetFile.open(bytes);
  const chunkStarts: number[] = [];
  for (const rowGroup of file.rowGroups) {
    for (const chunk of rowGroup.columns) {
      const meta = chunk.metaData!;
      const dict = meta.dictionaryPageOffset;
      chunkStarts.push(dict !== undefined && dict > 0 && dict < meta.dataPageOffset ? dict : meta.dataPageOffset);
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const footerLength = view.getUint32(bytes.byteLength - 8, true);
  return { chunkStarts, footerStart: bytes.byteLength - 8 - footerLength };
}

/** Resident memory plus the kernel module's linear memory (which may be reserved but not yet touched). */
function memoryInUse(): number {
  return Math.max(process.memoryUsage().rss, arena().wasm.memory.buffer.byteLength);
}

async function run(job: FuzzJob): Promise<void> {
  const port = parentPort!;
  const failures: FuzzFailure[] = [];
  const outcomes: Record<string, number> = {};
  let reads = 0;
  let peakGrowth = 0;
  // Warm up (kernel instance, codecs) so that the baseline holds what every read needs anyway.
  for (const fixture of job.fixtures) await readTable(fixture, { verifyChecksums: false });
  const baseline = memoryInUse();
  for (const fixture of job.fixtures) {
    const original = new Uint8Array(readFileSync(fixture));
    const layout = await layoutOf(original);
    const indexes =
      job.only !== undefined ? [job.only] : Array.from({ length: job.mutantsPerFixture }, (_, index) => index);
    for (const index of indexes) {
      const mutant = mutate(original, layout, job.seed, index);
      const record = (problem: string) => failures.push({ fixture, index, description: mutant.description, problem });
      port.postMessage({ kind: 'start', fixture, index, description: mutant.description } satisfies FuzzMessage);
      const started = performance.now();
      try {
        const table = await readTable(mutant.bytes, { verifyChecksums: index % 2 === 0 });
        outcomes.ok = (outcomes.ok ?? 0) + 1;
        if (table.numRows < 0) record('negative row count');
      } catch (err) {
        if (err instanceof ParquetError) outcomes[err.code] = (outcomes[err.code] ?? 0) + 1;
        else record(`crash: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
      reads++;
      const millis = performance.now() - started;
      if (millis > job.maxMillis) record(`slow: ${Math.round(millis)} ms`);
      // Memory that grew stays grown (wasm memory never shrinks): blame only the read that first crossed the line.
      const growth = memoryInUse() - baseline;
      if (growth > job.maxGrowthBytes && peakGrowth <= job.maxGrowthBytes) {
        record(`memory grew by ${Math.round(growth / 2 ** 20)} MB`);
      }
      peakGrowth = Math.max(peakGrowth, growth);
      if (failures.length > 20) break;
    }
    if (job.only !== undefined) break;
  }
  port.postMessage({ kind: 'summary', failures, reads, outcomes, peakGrowth } satisfies FuzzMessage);
}

await run(workerData as FuzzJob);
