// Security on a real LocalCluster: a wrong token, random bytes, a huge length prefix and an oversized frame from
// an authenticated peer are each refused, while a computation keeps running and ends with the right answer.
import { connect as netConnect } from 'node:net';
import t from 'tap';
import { Client } from '../../../src/distributed/client/client.js';
import { connect, newToken, parseAddress } from '../../../src/distributed/comm/index.js';
import { LocalCluster } from '../../../src/distributed/local_cluster.js';

t.setTimeout(120_000);

/** Writes `bytes` to `address` on a raw TCP connection and resolves when the peer closes it. */
function raw(address: string, bytes: Buffer): Promise<void> {
  const { host, port } = parseAddress(address);
  return new Promise((resolve) => {
    const s = netConnect(port, host, () => s.write(bytes));
    s.on('data', () => {});
    s.on('error', () => resolve());
    s.on('close', () => resolve());
  });
}

t.test('bad connections are refused while a computation keeps running', async (t) => {
  const cluster = await LocalCluster.start({ workers: 2, maxFrameSize: 1 << 20, forwardStderr: false });
  t.teardown(() => cluster.close());
  const client = new Client(cluster);
  t.teardown(() => client.close());
  await client.ready;

  // 120 tasks of 25 ms on 2 single-thread workers: about 1.5 s of work, running while the attacks happen.
  const slow = client.map(
    'sleep',
    Array.from({ length: 120 }, (_, i) => [25, i]),
    { spread: true },
  );
  const total = client.submit('add', ...slow);

  const wrong = new Client(cluster.address, { token: newToken() });
  await t.rejects(wrong.ready, { code: 'AUTH_FAILED', message: /wrong token/ }, 'wrong token refused');
  const none = new Client(cluster.address, { token: undefined, security: {} });
  await t.rejects(none.ready, { code: 'AUTH_FAILED' }, 'missing token refused');

  const random = Buffer.alloc(2048);
  for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) & 255;
  await raw(cluster.address, random);
  await raw(cluster.workers[0].address, random);
  const huge = Buffer.alloc(12);
  huge.writeUInt32LE(1, 0);
  huge.writeBigUInt64LE(1n << 40n, 4);
  await raw(cluster.address, huge);
  await raw(cluster.address, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));

  // An authenticated peer that sends a frame over the scheduler's limit is disconnected.
  const big = await connect(cluster.address, { role: 'client', name: 'big', security: cluster.security });
  big.send({ op: 'register-client', clientId: 'big' });
  big.send({ op: 'identity', requestId: 1, padding: new Uint8Array(2 << 20) });
  const closed = await big.closed;
  t.ok(closed.reason.length > 0, `oversized frame: connection closed (${closed.reason})`);

  t.ok(
    slow.some((f) => !f.done),
    'the computation was still running during the attacks',
  );
  t.equal(await total, (119 * 120) / 2, 'the computation finished with the right answer');
  const id = (await client.identity()) as { workers: Record<string, unknown> };
  t.equal(Object.keys(id.workers).length, 2, 'both workers still there');
  t.equal(await client.submit('inc', 1), 2, 'the scheduler still serves');
});
