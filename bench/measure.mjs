// Runs one measurement (bench/child.mjs, or any script that prints its outcome as a last JSON line) in a fresh Node
// process, bounded by a timeout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url));

/**
 * Spawns the child and resolves with its JSON outcome; a crash, bad output or timeout becomes {ok: false, error}.
 * `script` is the child script (default bench/child.mjs); it gets `reader file task dataset` as arguments and must
 * print its outcome as the last line of stdout.
 */
export function measureInChild({ reader, file, task, dataset, timeoutMs, script = CHILD }) {
  return runInChild(script, [reader, file, task, dataset], { timeoutMs });
}

/**
 * Runs `node script ...args` in a fresh process and resolves with the JSON object on the last line of its stdout.
 * A crash, bad output or (with `timeoutMs`) a timeout resolves as `{ ok: false, error }`: a failed run is reported,
 * never thrown, so one contender's failure does not stop a benchmark.
 */
export function runInChild(script, args, { env = process.env, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ ok: false, error: `timed out after ${timeoutMs / 1000} s (killed)` });
        return;
      }
      const lastLine = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(lastLine));
      } catch {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve({ ok: false, error: `child ${why}, no result; stderr: ${stderr.trim().slice(-2000)}` });
      }
    });
  });
}

/** In a measurement child: runs `measure(argv)` and prints its outcome as one JSON line for the parent
 *  (`{ ok: false, error }` if it throws), exiting non-zero when the run failed. */
export async function reportChildOutcome(measure) {
  try {
    const outcome = await measure(process.argv.slice(2));
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    process.exit(outcome.ok ? 0 : 1);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error?.stack ?? error) })}\n`);
    process.exit(1);
  }
}

/**
 * Starts a ThreadPool's workers (module loading, wasm instantiation) with a tiny group-by before a timed run, as
 * DuckDB's start-up is excluded from its time too.
 */
export async function warmPool(pool) {
  const { fromRecords } = await import('../dist/src/dataframe/index.js');
  const df = fromRecords(
    Array.from({ length: 8 }, (_, i) => ({ cat: `c${i % 2}`, key: i })),
    { npartitions: 4 },
  );
  await df.groupby('cat', { dropna: false }).agg({ key: 'nunique' }).compute({ scheduler: pool });
}
