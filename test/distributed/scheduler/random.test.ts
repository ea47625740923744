// Random runs: random graphs, workers that finish, fail, die and join, steals answered either way, clients that
// release, cancel and disconnect, workers retired while steals are pending. After every event every invariant is checked (validate: true); at the end every key a client
// still wants is in memory or erred, and nothing else is left on the workers' books.
import t from 'tap';
import type { ClientTask } from '../../../src/distributed/protocol/messages.js';
import { rng } from '../../support/rng.js';
import { ct, Harness, toWorker } from './harness.js';

function run(seed: number): { wanted: string[]; h: Harness; steps: number } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(r() * xs.length)]);
  const h = new Harness({ stealIntervalMs: 100, workerTtlMs: 1e9, killedWorkerLimit: 3, unknownTaskDurationMs: 50 });
  let nextWorker = 0;
  const addWorker = () =>
    h.addWorker(`tcp://w${nextWorker++}`, 1 + Math.floor(r() * 2), r() < 0.3 ? { resources: { GPU: 1 } } : {});
  for (let i = 0; i < 3; i++) addWorker();
  const n = 40 + Math.floor(r() * 40);
  const tasks: ClientTask[] = [];
  for (let i = 0; i < n; i++) {
    const deps = i === 0 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => `t-${Math.floor(r() * i)}`);
    const extra: { retries?: number; resources?: Record<string, number> } = {};
    if (r() < 0.1) extra.retries = 1;
    if (r() < 0.05) extra.resources = { GPU: 1 };
    tasks.push(ct(`t-${i}`, [...new Set(deps)], i, extra));
  }
  const wanted = tasks.filter(() => r() < 0.3).map((x) => x.key);
  wanted.push(`t-${n - 1}`);
  h.submit('c1', tasks, wanted);
  h.submit(
    'c2',
    tasks.slice(0, n >> 1),
    wanted.filter((k) => Number(k.slice(2)) < n >> 1),
  );
  const pendingSteals: { worker: string; key: string; id: string }[] = [];
  let steps = 0;
  for (; steps < 2000; steps++) {
    const processing = h.s.workers().flatMap((w) => w.processing.map((key) => ({ worker: w.address, key })));
    if (processing.length === 0 && pendingSteals.length === 0 && steps > 50) break;
    const roll = r();
    const addresses = h.s.workers().map((w) => w.address);
    let out: ReturnType<Harness['tick']> = [];
    if (roll < 0.55) {
      const p = pick(processing);
      if (p) out = h.finish(p.worker, p.key, Math.floor(r() * 1e6), r() * 100);
    } else if (roll < 0.6) {
      const p = pick(processing);
      if (p) out = h.fail(p.worker, p.key, 'random failure');
    } else if (roll < 0.65 && addresses.length > 1) {
      out = h.removeWorker(pick(addresses)!, r() < 0.3);
    } else if (roll < 0.7 || addresses.length === 0) {
      out = addWorker();
    } else if (roll < 0.85) {
      out = h.tick(150);
    } else if (roll < 0.95) {
      const s = pendingSteals.splice(Math.floor(r() * pendingSteals.length), 1)[0];
      if (s && addresses.includes(s.worker)) {
        out = h.fromWorker(s.worker, {
          op: 'steal-response',
          key: s.key,
          state: r() < 0.6 ? 'ready' : 'executing',
          stimulusId: s.id,
        });
      }
    } else if (roll < 0.96) {
      const key = pick(wanted);
      if (key) out = h.client('c2', { op: 'client-releases-keys', clientId: 'c2', keys: [key] });
    } else if (roll < 0.965) {
      const key = pick(wanted);
      if (key) out = h.client('c2', { op: 'cancel-keys', clientId: 'c2', keys: [key] });
    } else if (roll < 0.97) {
      // An admin retirement: unstarted tasks are asked back with steal-requests answered like any other.
      if (addresses.length > 1) out = h.s.handle({ type: 'retire-worker', now: h.now, worker: pick(addresses)! });
    } else {
      const p = pick(processing);
      if (p) out = h.fromWorker(p.worker, { op: 'reschedule', key: p.key, stimulusId: `r-${steps}` });
    }
    // The second client goes away in the middle of the run, its futures still being computed.
    if (steps === 300) out = [...out, ...h.client('c2', { op: 'close-client', clientId: 'c2' })];
    for (const a of h.s.workers()) {
      for (const m of toWorker(out, a.address))
        if (m.op === 'steal-request') pendingSteals.push({ worker: a.address, key: m.key, id: m.stimulusId });
    }
  }
  // Whatever is still processing finishes; GPU work may have no worker left, and the others may all be retiring:
  // a fresh worker with a GPU can take anything.
  h.addWorker('tcp://final', 1, { resources: { GPU: 1 } });
  for (let guard = 0; guard < 10_000; guard++) {
    const p = h.s.workers().flatMap((w) => w.processing.map((key) => ({ worker: w.address, key })))[0];
    if (!p) break;
    h.finish(p.worker, p.key);
  }
  return { wanted, h, steps };
}

t.test('random runs keep every invariant and end with wanted keys in memory or erred', async (t) => {
  const seen = { steals: 0, moved: 0, killed: 0, erred: 0, lost: 0, queued: 0 };
  for (let seed = 1; seed <= 40; seed++) {
    const { wanted, h } = run(seed);
    for (const a of h.log) {
      if (a.type === 'send-worker' && a.msg.op === 'steal-request') seen.steals++;
      if (a.type === 'send-client' && a.msg.op === 'task-erred') seen.erred++;
      if (a.type === 'send-client' && a.msg.op === 'task-erred' && a.msg.error.name === 'KilledWorker') seen.killed++;
      if (a.type === 'send-client' && a.msg.op === 'lost-data') seen.lost++;
    }
    for (const r of h.s.story()) {
      if (r.start === 'processing' && r.finish === 'waiting' && r.stimulusId.startsWith('steal-')) seen.moved++;
      if (r.finish === 'queued') seen.queued++;
    }
    const states = new Set(wanted.map((k) => h.s.stateOf(k)));
    for (const s of states) t.ok(s === 'memory' || s === 'erred', `seed ${seed}: a wanted key ended ${s}`);
    const counts = h.s.counts();
    t.equal(
      counts.processing + counts.waiting + counts.queued + counts['no-worker'],
      0,
      `seed ${seed}: nothing pending`,
    );
    h.s.validate();
  }
  t.comment(JSON.stringify(seen));
  // The runs went through the interesting paths (the story ring keeps the last transitions only: moved and queued
  // are lower bounds).
  t.ok(seen.steals > 0 && seen.moved > 0, 'steals were requested and some confirmed');
  t.ok(seen.erred > 0 && seen.lost > 0, 'tasks erred and results were lost');
});
