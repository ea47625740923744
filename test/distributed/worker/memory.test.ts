import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { batchFromRecords } from '../../../src/columnar/records.js';
import { MemoryManager } from '../../../src/distributed/worker/memory/manager.js';
import { decideMemory, parseMemorySize } from '../../../src/distributed/worker/memory/policy.js';
import { isSpillable, readSpillFile, writeSpillFile } from '../../../src/distributed/worker/memory/spill_format.js';
import { DataStore } from '../../../src/distributed/worker/memory/store.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-spill-test-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

function sharedFloats(n: number, seed: number): Float64Array {
  const a = new Float64Array(new SharedArrayBuffer(8 * n));
  for (let i = 0; i < n; i++) a[i] = seed + i * 0.5;
  return a;
}

t.test('spill format: a value round-trips, typed arrays come back on SharedArrayBuffers', async (t) => {
  const value = {
    name: 'part-3',
    n: 42,
    big: 2n ** 60n,
    nested: [1, 'two', null, { deep: true }],
    values: sharedFloats(1000, 7),
    small: new Int32Array([1, -2, 3]),
  };
  const path = join(dir, 'a.tspl');
  const size = await writeSpillFile(path, 'k1', value);
  const bytes = readFileSync(path);
  t.equal(bytes.length, size);
  t.equal(bytes.toString('ascii', 0, 4), 'TSPL', 'magic');
  t.equal(bytes.readUInt32LE(4), 1, 'version');
  t.equal(bytes.readUInt32LE(8), 3, 'header + two typed-array frames');
  const back = (await readSpillFile(path, 'k1')) as typeof value;
  t.same({ ...back, values: undefined, small: undefined }, { ...value, values: undefined, small: undefined });
  t.ok(back.values instanceof Float64Array && back.values.buffer instanceof SharedArrayBuffer);
  t.same([...back.values.subarray(0, 3)], [7, 7.5, 8]);
  t.equal(back.values[999], 7 + 999 * 0.5);
  t.same([...back.small], [1, -2, 3]);
});

t.test('spill format: a columnar Batch round-trips', async (t) => {
  const batch = batchFromRecords([
    { id: 1, name: 'a', score: 1.5 },
    { id: 2, name: null, score: 2.5 },
  ]);
  t.ok(isSpillable(batch), 'a Batch is plain data');
  const path = join(dir, 'batch.tspl');
  await writeSpillFile(path, '["part",0]', batch);
  t.same(await readSpillFile(path, '["part",0]'), batch);
});

t.test('spill format: bad files are refused with the file and the reason', async (t) => {
  const path = join(dir, 'bad.tspl');
  writeFileSync(path, 'NOPE0000000000000000');
  await t.rejects(readSpillFile(path, 'k'), { code: 'SPILL_FORMAT', message: /bad\.tspl.*bad magic/ });
  await writeSpillFile(path, 'k', { x: sharedFloats(100, 0) });
  const whole = readFileSync(path);
  writeFileSync(path, whole.subarray(0, whole.length - 10));
  await t.rejects(readSpillFile(path, 'k'), { code: 'SPILL_FORMAT', message: /runs past the end/ });
  await writeSpillFile(path, 'k', 1);
  await t.rejects(readSpillFile(path, 'other'), { code: 'SPILL_FORMAT', message: /holds key "k"/ });
  const v2 = readFileSync(path);
  v2.writeUInt32LE(2, 4);
  writeFileSync(path, v2);
  await t.rejects(readSpillFile(path, 'k'), { code: 'SPILL_FORMAT', message: /version 2/ });
});

t.test('isSpillable: class instances and functions stay in memory', async (t) => {
  class Thing {
    x = 1;
  }
  t.notOk(isSpillable(new Thing()));
  t.notOk(isSpillable({ f: () => 1 }));
  t.notOk(isSpillable(new Map([['a', [1, 2]]])), 'a Map would come back as an object');
  t.ok(isSpillable({ s: new Set([1]), d: new Date(0), a: [1n, 'x', undefined] }));
});

t.test('store: LRU spilling to a target, read back on demand', async (t) => {
  const store = new DataStore(join(dir, 'store1'));
  for (let i = 0; i < 5; i++) store.set(`k${i}`, sharedFloats(1000, i), 8000);
  await store.get('k0'); // k0 becomes the most recently used: k1 is now the oldest
  t.equal(store.stats().memoryBytes, 40_000);
  const spilled = await store.spillUntil(20_000);
  t.equal(spilled, 24_000, 'three values of 8,000 bytes bring 40,000 under 20,000');
  t.same(
    ['k0', 'k1', 'k2', 'k3', 'k4'].map((k) => store.isSpilled(k)),
    [false, true, true, true, false],
    'the least recently used went first',
  );
  t.equal(readdirSync(join(dir, 'store1')).length, 3, 'one file per spilled key');
  t.match(store.stats(), { memoryBytes: 16_000, spilledBytes: 24_000, spilledKeys: 3 });
  t.ok(store.stats().totalBytesSpilled > 24_000, 'file bytes include the header');
  const back = (await store.get('k2')) as Float64Array;
  t.equal(back[10], 2 + 5, 'value read back');
  t.notOk(store.isSpilled('k2'), 'in memory again');
  t.equal(store.stats().unspills, 1);
  store.delete('k1');
  await new Promise((r) => setTimeout(r, 50));
  t.equal(readdirSync(join(dir, 'store1')).length, 1, 'files of read-back and deleted keys are removed');
  await t.rejects(store.get('k1'), { code: 'NOT_FOUND', message: /k1/ });
});

t.test('store: a value replaced while it is written is not lost', async (t) => {
  const store = new DataStore(join(dir, 'store2'));
  store.set('a', sharedFloats(10, 1), 80);
  const spilling = store.spillUntil(0);
  store.set('a', 'new value', 10);
  await spilling;
  t.equal(await store.get('a'), 'new value');
  t.notOk(store.isSpilled('a'));
  t.equal(readdirSync(join(dir, 'store2')).length, 0);
});

t.test('policy: spill past 60%, pause past 80%, restart past 95% of the limit', async (t) => {
  const limit = 1000;
  const d = (rss: number, managed: number, l = limit) => decideMemory({ rss, managed }, l);
  t.same(d(500, 500), { spillDownTo: undefined, pause: false, restart: false, overTerminate: false });
  t.same(d(650, 650), { spillDownTo: 600, pause: false, restart: false, overTerminate: false });
  t.same(
    d(750, 300),
    { spillDownTo: 150, pause: false, restart: false, overTerminate: false },
    'RSS above 70%: spill the excess over 60% although the accounting is low',
  );
  t.same(d(850, 100), { spillDownTo: 0, pause: true, restart: false, overTerminate: false });
  t.same(
    d(960, 0),
    { spillDownTo: undefined, pause: true, restart: true, overTerminate: true },
    'past 95% with nothing to spill: restart',
  );
  t.same(
    d(960, 500),
    { spillDownTo: 0, pause: true, restart: false, overTerminate: true },
    'past 95% but mostly results: spill them all first',
  );
  t.same(d(960, 960, 0), { spillDownTo: undefined, pause: false, restart: false, overTerminate: false });
  t.same(decideMemory({ rss: 960, managed: 0 }, limit, { target: 0.6, spill: 0.7, pause: 0.8, terminate: false }), {
    spillDownTo: undefined,
    pause: true,
    restart: false,
    overTerminate: false,
  });
  t.equal(parseMemorySize('4GB'), 4e9);
  t.equal(parseMemorySize('512MiB'), 512 * 2 ** 20);
  t.equal(parseMemorySize('1.5e9'), 1.5e9);
  t.equal(parseMemorySize('lots'), undefined);
});

t.test('manager: spills real bytes past the target and pauses on RSS', async (t) => {
  const store = new DataStore(join(dir, 'store3'));
  let rss = 100_000;
  const pauses: boolean[] = [];
  let restarted = 0;
  const mm = new MemoryManager(store, {
    limit: 100_000,
    rss: () => rss,
    onPause: (p) => pauses.push(p),
    onRestart: () => restarted++,
  });
  for (let i = 0; i < 10; i++) store.set(`p${i}`, sharedFloats(1000, i), 8000);
  rss = 50_000;
  await mm.check();
  t.equal(store.stats().memoryBytes, 56_000, '80,000 managed bytes spilled down to 60% of 100,000');
  t.ok(store.stats().totalBytesSpilled > 0, 'bytes spilled');
  t.same(pauses, []);
  rss = 85_000;
  await mm.check();
  t.same(pauses, [true], 'paused past 80%');
  rss = 50_000;
  await mm.check();
  t.same(pauses, [true, false], 'resumed');
  rss = 99_000;
  await mm.check();
  t.equal(restarted, 0, 'past 95% with results in memory: they are spilled first');
  t.equal(store.stats().memoryBytes, 0);
  for (let i = 0; i < 12; i++) await mm.check();
  t.equal(restarted, 1, 'still past 95% with nothing left to spill: restart, asked once');
  for (let i = 0; i < 10; i++) t.equal(((await store.get(`p${i}`)) as Float64Array)[1], i + 0.5);
});
