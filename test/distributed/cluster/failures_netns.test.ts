// Machines stood in for by Linux network namespaces: the scheduler and two workers each run in their own namespace,
// joined by veth pairs to a bridge in the test's namespace (where the client runs). Cutting one worker's link in
// the middle of a computation: the scheduler notices the silence (heartbeats), redoes that worker's work elsewhere,
// and the worker rejoins when the link comes back. Needs root and `ip`; skipped with a message otherwise.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { Client } from '../../../src/distributed/client/client.js';
import { TaskGraph } from '../../../src/graph/graph.js';

t.setTimeout(180_000);

const suffix = String(process.pid % 100000);
const subnet = `10.213.${process.pid % 200}`;
const BRIDGE = `tsrbr${suffix}`;

/** Runs `ip ...`; throws with its stderr on failure. */
function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.status}`}`);
}

function canRun(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  if (spawnSync('ip', ['-V']).status !== 0) return 'no `ip` command';
  const probe = `tsrprobe${suffix}`;
  const r = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (r.status !== 0) return `cannot create network namespaces: ${r.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

interface Node {
  readonly ns: string;
  /** The veth end in the test's namespace, on the bridge: taking it down cuts the node off. */
  readonly hostIf: string;
  readonly ip: string;
}

function node(role: string, host: number): Node {
  return { ns: `tsr${suffix}${role}`, hostIf: `tv${suffix}${role}`, ip: `${subnet}.${host}` };
}

function setUp(nodes: readonly Node[]): void {
  ip('link', 'add', BRIDGE, 'type', 'bridge');
  ip('addr', 'add', `${subnet}.1/24`, 'dev', BRIDGE);
  ip('link', 'set', BRIDGE, 'up');
  for (const n of nodes) {
    ip('netns', 'add', n.ns);
    ip('link', 'add', n.hostIf, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', n.ns);
    ip('link', 'set', n.hostIf, 'master', BRIDGE);
    ip('link', 'set', n.hostIf, 'up');
    ip('-n', n.ns, 'addr', 'add', `${n.ip}/24`, 'dev', 'eth0');
    ip('-n', n.ns, 'link', 'set', 'eth0', 'up');
    ip('-n', n.ns, 'link', 'set', 'lo', 'up');
  }
}

function tearDown(nodes: readonly Node[]): void {
  for (const n of nodes) spawnSync('ip', ['netns', 'del', n.ns]);
  for (const n of nodes) spawnSync('ip', ['link', 'del', n.hostIf]);
  spawnSync('ip', ['link', 'del', BRIDGE]);
}

const MAIN = fileURLToPath(new URL('../../../src/distributed/process_main.ts', import.meta.url));
// The children run the TypeScript sources under the same loader as this test (see LocalCluster).
const execArgv = process.execArgv.filter(
  (a) => /^--(import|loader|experimental-loader|require|enable-source-maps)/.test(a) && !/processinfo/.test(a),
);

/** Starts `process_main.ts role options` inside `n`'s namespace; resolves with its address once it is ready. */
function startIn(
  n: Node,
  role: 'scheduler' | 'worker',
  options: object,
  token: string,
  children: ChildProcess[],
): Promise<string> {
  const child = spawn(
    'ip',
    ['netns', 'exec', n.ns, process.execPath, ...execArgv, MAIN, role, JSON.stringify(options)],
    {
      env: { ...process.env, TESSERA_CLUSTER_TOKEN: token },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} in ${n.ns} did not start in 60 s`)), 60_000);
    child.on('message', (msg: { type?: string; address?: string; message?: string }) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg.address!);
      } else if (msg.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${role} in ${n.ns} failed: ${msg.message}`));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${role} in ${n.ns} exited with ${code} before it was ready`));
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const reason = canRun();
if (reason !== undefined) {
  t.pass(`skipped: network namespaces need root and ip (${reason})`);
} else {
  t.test(
    'a worker whose link is cut: its work is redone elsewhere, and it rejoins when the link returns',
    async (t) => {
      const sched = node('s', 2);
      const w0 = node('a', 10);
      const w1 = node('b', 11);
      const nodes = [sched, w0, w1];
      const children: ChildProcess[] = [];
      let client: Client | undefined;
      t.teardown(async () => {
        await client?.close().catch(() => {});
        for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
        tearDown(nodes);
      });
      setUp(nodes);
      const token = randomBytes(32).toString('hex');
      const address = await startIn(
        sched,
        'scheduler',
        { host: sched.ip, port: 0, config: { workerTtlMs: 2000 } },
        token,
        children,
      );
      const worker = (n: Node, name: string) =>
        startIn(
          n,
          'worker',
          { scheduler: address, host: n.ip, contactHost: n.ip, name, heartbeatMs: 250 },
          token,
          children,
        );
      const [a0, a1] = await Promise.all([worker(w0, 'machine-a'), worker(w1, 'machine-b')]);
      t.ok(a0.includes(w0.ip) && a1.includes(w1.ip), `workers reachable at ${a0} and ${a1}`);
      client = new Client(address, { token });
      await client.ready;
      const workers = async () => Object.keys(((await client!.identity()) as { workers: object }).workers);
      const keysOn = async (w: string) =>
        ((await client!.identity()) as { workers: Record<string, { keys: number }> }).workers[w]?.keys ?? 0;

      // 48 leaves of 150 ms, summed by a fan-in tree: several seconds of work on each machine.
      const g = new TaskGraph();
      const leaves = 48;
      for (let i = 0; i < leaves; i++) g.set(`leaf-${i}`, { fn: 'sleep', args: [150, i] });
      for (let i = 0; i < leaves; i += 8) {
        g.set(`part-${i / 8}`, { fn: 'add', args: Array.from({ length: 8 }, (_, j) => ({ $ref: `leaf-${i + j}` })) });
      }
      g.set('total', { fn: 'add', args: Array.from({ length: leaves / 8 }, (_, j) => ({ $ref: `part-${j}` })) });
      let done = false;
      const result = client.compute(g, 'total').finally(() => {
        done = true;
      });
      await until('results on machine-a', async () => (await keysOn(a0)) > 0 || done, 60_000);
      t.notOk(done, 'the computation was still running when the link was cut');
      ip('link', 'set', w0.hostIf, 'down');
      await until('the scheduler to drop machine-a', async () => !(await workers()).includes(a0), 30_000);
      t.equal(await result, (leaves * (leaves - 1)) / 2, 'the right total, machine-a work redone on machine-b');
      ip('link', 'set', w0.hostIf, 'up');
      await until('machine-a to rejoin', async () => (await workers()).includes(a0), 60_000);
      t.pass('machine-a rejoined');
      // Both machines take work again.
      const more = client.map(
        'inc',
        Array.from({ length: 40 }, (_, i) => i),
        { pure: false },
      );
      t.same(
        await client.gather(more),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    },
  );
}
