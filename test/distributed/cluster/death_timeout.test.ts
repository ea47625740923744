// A worker whose scheduler goes silent, with real processes: the scheduler runs in a child process that the test
// stops (SIGSTOP: its socket stays open, it just says nothing), the worker in another. The worker notices the
// silence, drops the connection and reconnects when the scheduler comes back; with a death timeout it stops
// instead. Each test is bounded in time and kills what it started.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { Client } from '../../../src/distributed/client/client.js';
import { newToken } from '../../../src/distributed/comm/index.js';

t.setTimeout(90_000);

const MAIN = fileURLToPath(new URL('../../../src/distributed/process_main.ts', import.meta.url));
const token = newToken();

interface Child {
  readonly process: ChildProcess;
  readonly address: string;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  readonly exited: Promise<number | null>;
}

/** Starts `process_main.ts role options` under the test's TypeScript loader; resolves once it is ready. */
async function spawnRole(t: Test, role: 'scheduler' | 'worker', options: Record<string, unknown>): Promise<Child> {
  const execArgv = process.execArgv.filter(
    (a) => /^--(import|loader|experimental-loader|require|enable-source-maps)/.test(a) && !/processinfo/.test(a),
  );
  const child = fork(MAIN, [role, JSON.stringify(options)], {
    execArgv,
    env: { ...process.env, TESSERA_CLUSTER_TOKEN: token },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.teardown(() => {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start in 30 s: ${err}`)), 30_000);
    child.on('message', (msg: { type?: string; address?: string; message?: string }) => {
      clearTimeout(timer);
      if (msg.type === 'ready') resolve(msg.address as string);
      else reject(new Error(`${role} failed: ${msg.message}`));
    });
  });
  return { process: child, address, stderr: () => err, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function workerCount(address: string): Promise<number> {
  const client = new Client(address, { token });
  try {
    await client.ready;
    return (await client.workerAddresses()).length;
  } finally {
    await client.close();
  }
}

t.test('a silent scheduler is dropped and reconnected to when it comes back', async (t) => {
  const scheduler = await spawnRole(t, 'scheduler', { port: 0 });
  const worker = await spawnRole(t, 'worker', {
    scheduler: scheduler.address,
    heartbeatMs: 100,
    schedulerSilenceMs: 1000,
  });
  await until('the worker registered', async () => (await workerCount(scheduler.address)) === 1);
  scheduler.process.kill('SIGSTOP');
  await until('the worker noticed the silence', () => /silent for [\d.]+ s; dropping/.test(worker.stderr()), 10_000);
  await new Promise((r) => setTimeout(r, 500));
  scheduler.process.kill('SIGCONT');
  await until('the worker registered again', async () => (await workerCount(scheduler.address)) === 1);
  const client = new Client(scheduler.address, { token });
  t.teardown(() => client.close());
  await client.ready;
  t.equal(await client.submit('inc', 41, { pure: false }), 42, 'the reconnected worker runs tasks');
  t.equal(worker.process.exitCode, null, 'without a death timeout the worker stays up');
});

t.test('with a death timeout, the worker stops when the scheduler stays silent', async (t) => {
  const scheduler = await spawnRole(t, 'scheduler', { port: 0 });
  const worker = await spawnRole(t, 'worker', {
    scheduler: scheduler.address,
    heartbeatMs: 100,
    schedulerSilenceMs: 1000,
    deathTimeoutMs: 2500,
  });
  await until('the worker registered', async () => (await workerCount(scheduler.address)) === 1);
  const stoppedAt = Date.now();
  scheduler.process.kill('SIGSTOP');
  const code = await Promise.race([
    worker.exited,
    new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000)),
  ]);
  const took = Date.now() - stoppedAt;
  t.equal(code, 0, 'the worker exited on its own');
  t.ok(took >= 2000, `not before the death timeout (${took} ms)`);
  t.match(worker.stderr(), /silent for [\d.]+ s; dropping the connection/, 'it tried to reconnect first');
  t.match(worker.stderr(), /no word from the scheduler .* \(death timeout 2\.5 s\); stopping/, 'and logged why');
  scheduler.process.kill('SIGCONT');
});

t.test('with a death timeout, a worker whose scheduler is gone stops', async (t) => {
  const scheduler = await spawnRole(t, 'scheduler', { port: 0 });
  const worker = await spawnRole(t, 'worker', { scheduler: scheduler.address, heartbeatMs: 100, deathTimeoutMs: 2000 });
  await until('the worker registered', async () => (await workerCount(scheduler.address)) === 1);
  scheduler.process.kill('SIGKILL');
  const code = await Promise.race([
    worker.exited,
    new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000)),
  ]);
  t.equal(code, 0, 'the worker exited on its own');
  t.match(worker.stderr(), /lost the scheduler .*; reconnecting/);
  t.match(worker.stderr(), /death timeout 2\.0 s\); stopping/);
});
