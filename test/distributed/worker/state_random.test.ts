// Random event sequences against WorkerState with validation on: every invariant must hold after every event, and
// once the world answers everything, nothing runnable may be left behind (no stuck task).
import t from 'tap';
import type { ComputeTaskMsg } from '../../../src/distributed/protocol/messages.js';
import { WorkerState } from '../../../src/distributed/worker/state/index.js';
import type { WorkerEvent, WorkerInstruction } from '../../../src/distributed/worker/state/types.js';
import { rng } from '../../support/rng.js';

const ME = 'tcp://me:1';
const PEERS = ['tcp://p1:1', 'tcp://p2:1', 'tcp://p3:1'];
const KEYS = Array.from({ length: 24 }, (_, i) => `k${i}`);

export function run(seed: number, steps: number, debug = false): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => r() < p);
  const ws = new WorkerState({
    address: ME,
    nthreads: 1 + Math.floor(r() * 3),
    resources: { GPU: 1 },
    validate: true,
    transferMessageBytesLimit: 64,
    maxBatchSize: 1 + Math.floor(r() * 4),
  });
  const executing: string[] = [];
  const gathers = new Map<string, string[]>();
  const busy = new Set<string>();
  let n = 0;
  const sid = () => `s${seed}-${++n}`;
  const apply = (event: WorkerEvent): void => {
    const out: WorkerInstruction[] = ws.handle(event);
    for (const ins of out) {
      if (ins.type === 'execute') executing.push(...ins.tasks.map((x) => x.key));
      else if (ins.type === 'gather-dep') {
        if (gathers.has(ins.worker)) throw new Error(`seed ${seed}: two gathers to ${ins.worker} at once`);
        gathers.set(ins.worker, [...ins.keys]);
      } else if (ins.type === 'retry-busy-later') busy.add(ins.worker);
    }
  };
  const computeMsg = (key: string): ComputeTaskMsg => {
    const i = Number(key.slice(1));
    const deps = some(KEYS.slice(0, i), 0.15).slice(0, 3);
    const whoHas: Record<string, string[]> = {};
    const nbytes: Record<string, number> = {};
    for (const d of deps) {
      whoHas[d] = some(PEERS, 0.5);
      nbytes[d] = Math.floor(r() * 40);
    }
    return {
      key,
      spec: { fn: 'add', args: deps.map((d) => ({ $ref: d })) },
      priority: [Math.floor(r() * 10), i],
      whoHas,
      nbytes,
      duration: r() < 0.5 ? 0 : r() * 8,
      ...(r() < 0.15 ? { resources: { GPU: 1 } } : {}),
    };
  };
  const answerExecute = (ok: boolean): void => {
    const key = executing.splice(Math.floor(r() * executing.length), 1)[0]!;
    if (ok) apply({ type: 'execute-success', key, nbytes: 8, valueType: 'number', startstops: [], stimulusId: sid() });
    else {
      apply({
        type: 'execute-failure',
        key,
        error: { name: 'Error', message: 'boom', stack: undefined },
        startstops: [],
        stimulusId: sid(),
      });
    }
  };
  const answerGather = (worker: string, how: number): void => {
    const keys = gathers.get(worker)!;
    gathers.delete(worker);
    if (how < 0.6) {
      const nbytes: Record<string, number> = {};
      for (const k of keys) nbytes[k] = 4;
      apply({ type: 'gather-dep-success', worker, nbytes, missing: [], stimulusId: sid() });
    } else if (how < 0.75) {
      const missing = some(keys, 0.5);
      const nbytes: Record<string, number> = {};
      for (const k of keys) if (!missing.includes(k)) nbytes[k] = 4;
      apply({ type: 'gather-dep-success', worker, nbytes, missing, stimulusId: sid() });
    } else if (how < 0.9) apply({ type: 'gather-dep-busy', worker, stimulusId: sid() });
    else
      apply({
        type: 'gather-dep-failure',
        worker,
        error: { name: 'Error', message: 'reset', stack: undefined },
        stimulusId: sid(),
      });
  };

  for (let step = 0; step < steps; step++) {
    const x = r();
    if (x < 0.2) apply({ type: 'compute-tasks', tasks: some(KEYS, 0.1).map(computeMsg), stimulusId: sid() });
    else if (x < 0.45) {
      if (executing.length > 0) answerExecute(r() < 0.8);
    } else if (x < 0.65) {
      if (gathers.size > 0) answerGather(pick([...gathers.keys()]), r());
    } else if (x < 0.7) {
      for (const w of busy) apply({ type: 'busy-retry', worker: w, stimulusId: sid() });
      busy.clear();
    } else if (x < 0.78) apply({ type: 'free-keys', keys: some(KEYS, 0.15), stimulusId: sid() });
    else if (x < 0.82) apply({ type: 'steal-request', key: pick(KEYS), stimulusId: sid() });
    else if (x < 0.86) {
      const whoHas: Record<string, string[]> = {};
      for (const k of some(KEYS, 0.1)) whoHas[k] = some(PEERS, 0.6);
      apply({ type: 'acquire-replicas', whoHas, nbytes: {}, stimulusId: sid() });
    } else if (x < 0.89) apply({ type: 'remove-replicas', keys: some(KEYS, 0.15), stimulusId: sid() });
    else if (x < 0.92) {
      const nbytes: Record<string, number> = {};
      for (const k of some(KEYS, 0.05)) nbytes[k] = 16;
      apply({ type: 'put-data', nbytes, stimulusId: sid() });
    } else if (x < 0.96) apply({ type: r() < 0.5 ? 'pause' : 'unpause', stimulusId: sid() });
    else {
      const whoHas: Record<string, string[]> = {};
      for (const k of some(KEYS, 0.2)) whoHas[k] = some(PEERS, 0.5);
      apply({ type: 'refresh-who-has', whoHas, stimulusId: sid() });
    }
  }

  // Drain: the world now answers everything well; keys nobody holds get a holder. One sequence in four retires
  // first: nothing may start then, and `retire-drained` must come exactly once, when threads and transfers are idle.
  const retiring = r() < 0.25;
  let drained = 0;
  let startedAfterRetire = 0;
  const watch = (out: WorkerInstruction[]): void => {
    for (const ins of out) {
      if (ins.type === 'retire-drained') {
        drained++;
        if (ws.executingCount !== 0 || ws.inFlightCount !== 0) throw new Error(`seed ${seed}: drained while busy`);
      }
      if (ins.type === 'execute' || ins.type === 'gather-dep') startedAfterRetire++;
    }
  };
  if (retiring) {
    const handle = ws.handle.bind(ws);
    ws.handle = (event: WorkerEvent) => {
      const out = handle(event);
      watch(out);
      return out;
    };
    apply({ type: 'retire', stimulusId: sid() });
  }
  apply({ type: 'unpause', stimulusId: sid() });
  for (let round = 0; round < 10_000; round++) {
    const states = ws.states();
    const missing = Object.keys(states).filter((k) => states[k] === 'missing');
    if (missing.length > 0) {
      const whoHas: Record<string, string[]> = {};
      for (const k of missing) whoHas[k] = [PEERS[0]!];
      apply({ type: 'refresh-who-has', whoHas, stimulusId: sid() });
    }
    for (const w of busy) apply({ type: 'busy-retry', worker: w, stimulusId: sid() });
    busy.clear();
    if (executing.length > 0) answerExecute(true);
    else if (gathers.size > 0) answerGather([...gathers.keys()][0]!, 0);
    else if (missing.length === 0) break;
  }
  if (retiring) {
    if (drained !== 1) throw new Error(`seed ${seed}: retire-drained came ${drained} times`);
    if (startedAfterRetire !== 0)
      throw new Error(`seed ${seed}: ${startedAfterRetire} tasks or fetches started while retiring`);
    if (ws.workerStatus !== 'closing-gracefully') throw new Error(`seed ${seed}: status ${ws.workerStatus}`);
  }
  const states = ws.states();
  const left: string[] = [];
  for (const [key, state] of Object.entries(states)) {
    if (state === 'memory' || state === 'error') continue;
    // A task may only still wait on a dependency that erred here, directly or through other waiting tasks (the
    // scheduler frees such dependents).
    const view = ws.task(key)!;
    const blocked = (k: string, seen: Set<string>): boolean => {
      if (seen.has(k)) return false;
      seen.add(k);
      return ws
        .task(k)!
        .dependencies.some((d) => states[d] === 'error' || (states[d] === 'waiting' && blocked(d, seen)));
    };
    if (state === 'waiting' && blocked(key, new Set())) continue;
    left.push(`${key}:${state}`);
    if (debug) {
      console.log(key, JSON.stringify(view));
      for (const d of view.dependencies) console.log(' dep', JSON.stringify(ws.task(d)), ws.story(d).slice(-6));
      console.log(ws.story(key).slice(-8));
    }
  }
  if (ws.executingCount !== 0 || ws.inFlightCount !== 0) left.push('threads or transfers still busy');
  return left;
}

t.test('random event sequences keep every invariant and leave nothing stuck', async (t) => {
  let checked = 0;
  for (let seed = 1; seed <= 300; seed++) {
    let left: string[];
    try {
      left = run(seed, 300);
    } catch (err) {
      t.fail(`seed ${seed}: ${(err as Error).message}`);
      break;
    }
    if (left.length > 0) {
      t.fail(`seed ${seed}: tasks left behind: ${left.join(', ')}`);
      break;
    }
    checked++;
  }
  t.equal(checked, 300, '300 sequences of 300 events');
});
