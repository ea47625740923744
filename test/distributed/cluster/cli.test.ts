// `tessera token | scheduler | worker` as real processes (TypeScript sources under the test's loader), with a
// token file; a Client computes through them; SIGTERM / SIGINT stop them.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Client } from '../../../src/distributed/client/client.js';

t.setTimeout(90_000);

const main = new URL('../../../src/cli/main.ts', import.meta.url).href;
const execArgv = process.execArgv.filter(
  (a) => /^--(import|loader|enable-source-maps)/.test(a) && !/processinfo/.test(a),
);
const children: ChildProcess[] = [];
t.teardown(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Runs `tessera ...args` as a child process; `lines` collects its stdout lines. */
function tessera(args: string[]) {
  const script = `import(${JSON.stringify(main)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}); })`;
  const child = spawn(process.execPath, [...execArgv, '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 600; i++) {
      const m = out.match(pattern);
      if (m) return m;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${pattern} in output of tessera ${args.join(' ')}: ${out} ${err}`);
  };
  return { child, exited, line, stderr: () => err, stdout: () => out };
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('token, scheduler, worker: a computation through the command-line processes', async (t) => {
  const tok = tessera(['token']);
  t.equal(await tok.exited, 0);
  const token = tok.stdout().trim();
  t.match(token, /^[0-9a-f]{64}$/);
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });

  const scheduler = tessera(['scheduler', '--port', '0', '--token-file', tokenFile]);
  const [, address] = await scheduler.line(/Scheduler at (tcp:\/\/\S+)/);
  const worker = tessera([
    'worker',
    address,
    '--nthreads',
    '2',
    '--name',
    'cli-w',
    '--resources',
    'GPU=1',
    '--token-file',
    tokenFile,
  ]);
  await worker.line(/Worker cli-w at tcp:\/\//);

  const client = new Client(address, { token });
  t.teardown(() => client.close());
  t.equal(await client.submit('inc', 41, { resources: { GPU: 1 } }), 42);
  const id = (await client.identity()) as {
    workers: Record<string, { name: string; nthreads: number; resources: object }>;
  };
  const w = Object.values(id.workers)[0];
  t.same([w.name, w.nthreads, w.resources], ['cli-w', 2, { GPU: 1 }]);
  await client.close();

  worker.child.kill('SIGTERM');
  t.equal(await worker.exited, 0, 'worker retires on SIGTERM and exits 0');
  scheduler.child.kill('SIGINT');
  t.equal(await scheduler.exited, 0, 'scheduler exits 0 on SIGINT');
});

t.test('refusals: public interface without token, bad flags', async (t) => {
  const open = tessera(['scheduler', '--host', '0.0.0.0', '--port', '0']);
  t.equal(await open.exited, 1);
  t.match(open.stderr(), /refusing to listen on 0\.0\.0\.0 without a token or TLS.*tessera token/s);
  const bad = tessera(['worker']);
  t.equal(await bad.exited, 2);
  t.match(bad.stderr(), /expected the scheduler address/);
  const badToken = tessera(['scheduler', '--token-file', join(dir, 'nope')]);
  t.equal(await badToken.exited, 1);
  t.match(badToken.stderr(), /cannot read token file/);
});
