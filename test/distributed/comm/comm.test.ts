import { connect as netConnect } from 'node:net';
import t from 'tap';
import { type Comm, CommError, connect, type Listener, listen, newToken } from '../../../src/distributed/comm/index.js';

const token = newToken();
const quiet = (logs: string[]) => (_level: string, message: string) => logs.push(message);

/** A listener that echoes every message back to its sender and keeps the accepted Comms. */
async function echoServer(options: { token?: string; maxFrameSize?: number; logs?: string[] } = {}) {
  const comms: Comm[] = [];
  const listener = await listen({
    role: 'scheduler',
    security: options.token ? { token: options.token } : {},
    maxFrameSize: options.maxFrameSize,
    handshakeTimeoutMs: 2000,
    log: quiet(options.logs ?? []),
    onConnection: (comm) => {
      comms.push(comm);
      comm.onMessage((msg) => comm.send(msg));
    },
  });
  return { listener, comms };
}

function nextMessage(comm: Comm): Promise<unknown> {
  return comm[Symbol.asyncIterator]()
    .next()
    .then((r) => r.value);
}

/** Opens a raw TCP connection, writes `bytes`, resolves when the server closes it. */
function rawSend(listener: Listener, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = netConnect(listener.port, '127.0.0.1', () => s.write(bytes));
    s.on('data', () => {});
    s.on('error', () => resolve());
    s.on('close', () => resolve());
  });
}

t.test('messages round-trip with typed arrays as frames received in SharedArrayBuffers', async (t) => {
  const { listener, comms } = await echoServer({ token });
  t.teardown(() => listener.close());
  const client = await connect(listener.address, { role: 'client', name: 'c1', security: { token } });
  t.teardown(() => client.close());
  const shared = new Float64Array(new SharedArrayBuffer(8 * 1000));
  for (let i = 0; i < shared.length; i++) shared[i] = i * 0.5;
  const msg = {
    op: 'data',
    requestId: 7,
    data: {
      x: {
        columns: [{ values: shared, offsets: new Int32Array([0, 2, 5]), data: new Uint8Array([104, 105, 33, 33, 33]) }],
      },
    },
    big: 2n ** 63n - 1n,
    list: [1, 'two', null, true],
    empty: new Uint8Array(0),
  };
  client.send(msg);
  const back = (await nextMessage(client)) as typeof msg;
  t.equal(comms[0].peer.role, 'client');
  t.equal(comms[0].peer.name, 'c1');
  t.equal(client.peer.role, 'scheduler');
  t.same(back.list, [1, 'two', null, true]);
  t.equal(back.big, 2n ** 63n - 1n);
  const col = back.data.x.columns[0];
  t.ok(col.values instanceof Float64Array);
  t.ok(col.values.buffer instanceof SharedArrayBuffer, 'received into a SharedArrayBuffer');
  t.same(Array.from(col.values.subarray(0, 4)), [0, 0.5, 1, 1.5]);
  t.equal(col.values[999], 499.5);
  t.same(Array.from(col.offsets), [0, 2, 5]);
  t.equal(Buffer.from(col.data).toString(), 'hi!!!');
  t.equal(back.empty.byteLength, 0);
});

t.test('many small messages keep their order and arrive batched', async (t) => {
  const { listener } = await echoServer();
  t.teardown(() => listener.close());
  const client = await connect(listener.address, { role: 'client' });
  t.teardown(() => client.close());
  for (let i = 0; i < 5000; i++) client.send({ op: 'n', i });
  const it = client[Symbol.asyncIterator]();
  for (let i = 0; i < 5000; i++) {
    const r = await it.next();
    t.equal((r.value as { i: number }).i, i, `message ${i}`);
    if ((r.value as { i: number }).i !== i) break;
  }
  t.ok(client.bytesSent < 5000 * 60, `5000 messages sent in few frames (${client.bytesSent} bytes)`);
});

t.test('a large value streams through with backpressure', async (t) => {
  const { listener } = await echoServer();
  t.teardown(() => listener.close());
  const client = await connect(listener.address, { role: 'client' });
  t.teardown(() => client.close());
  const big = new Uint8Array(new SharedArrayBuffer(64 << 20));
  for (let i = 0; i < big.length; i += 4096) big[i] = (i >> 12) & 255;
  client.send({ op: 'big', big });
  await client.drain();
  const back = (await nextMessage(client)) as { big: Uint8Array };
  t.equal(back.big.byteLength, big.byteLength);
  let same = true;
  for (let i = 0; i < big.length; i += 4096) if (back.big[i] !== big[i]) same = false;
  t.ok(same, 'bytes intact');
});

t.test(
  'wrong token, no token, random bytes and oversized frames are refused; a good connection keeps working',
  async (t) => {
    const logs: string[] = [];
    const { listener } = await echoServer({ token, maxFrameSize: 1 << 20, logs });
    t.teardown(() => listener.close());
    const good = await connect(listener.address, { role: 'client', security: { token } });
    t.teardown(() => good.close());

    await t.rejects(connect(listener.address, { role: 'client', security: { token: newToken() } }), {
      code: 'AUTH_FAILED',
      message: /wrong token/,
    });
    await t.rejects(connect(listener.address, { role: 'client' }), {
      code: 'AUTH_FAILED',
      message: /token is required/,
    });
    await rawSend(listener, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) & 255;
    await rawSend(listener, random);
    // A length prefix announcing a 1 TB frame before the handshake.
    const huge = Buffer.alloc(12);
    huge.writeUInt32LE(1, 0);
    huge.writeBigUInt64LE(1n << 40n, 4);
    await rawSend(listener, huge);
    t.equal(listener.refused, 5, 'five connections refused');
    t.match(logs.join('\n'), /wrong token/);
    t.match(logs.join('\n'), /exceeds the maximum frame size/);

    // After the handshake: a frame over the connection's limit closes that connection only.
    const big = await connect(listener.address, { role: 'client', security: { token } });
    big.send({ op: 'big', payload: new Uint8Array(2 << 20) });
    const info = await big.closed;
    t.match(info.reason, /closed|ECONNRESET/);
    t.match(logs.join('\n'), /exceeds the maximum frame size 1048576/);

    good.send({ op: 'still-there', n: 1 });
    t.same(await nextMessage(good), { op: 'still-there', n: 1 }, 'the good connection is undisturbed');
  },
);

t.test('version mismatch and bad addresses give clear errors', async (t) => {
  await t.rejects(connect('tcp://nowhere', { role: 'client' }), { code: 'BAD_ARGUMENT', message: /bad address/ });
  await t.rejects(connect('tcp://127.0.0.1:1', { role: 'client', timeoutMs: 100 }), CommError);
  await t.rejects(listen({ host: '0.0.0.0', role: 'scheduler', onConnection: () => {} }), {
    code: 'INSECURE',
    message: /tessera token/,
  });
});

t.test('objects of more than 65,535 keys encode; a message that cannot be encoded is dropped, not fatal', async (t) => {
  const logs: string[] = [];
  const { listener } = await echoServer();
  t.teardown(() => listener.close());
  const client = await connect(listener.address, { role: 'client', log: quiet(logs) });
  t.teardown(() => client.close());
  const whoHas: Record<string, string[]> = {};
  for (let i = 0; i < 100_000; i++) whoHas[`x-${i}`] = ['tcp://127.0.0.1:1'];
  client.send({ op: 'who-has', whoHas });
  const back = (await nextMessage(client)) as { whoHas: Record<string, string[]> };
  t.equal(Object.keys(back.whoHas).length, 100_000);
  t.same(back.whoHas['x-99999'], ['tcp://127.0.0.1:1']);
  const circular: Record<string, unknown> = { op: 'bad' };
  circular.self = circular;
  client.send(circular);
  client.send({ op: 'good' });
  t.same(await nextMessage(client), { op: 'good' }, 'the encodable message of the batch still goes');
  t.match(logs.join('\n'), /dropped a message \(bad\)/);
});
