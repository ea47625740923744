// The connecting side reads frames straight into their SharedArrayBuffers (comm/input.ts): large and small frames,
// several messages per read, split prefixes, and the same bytes over the `data` event path of an accepted socket.
import t from 'tap';
import { DIRECT_READ_MIN, FrameReader, frameMessage } from '../../../src/distributed/comm/framing.js';
import { type Comm, connect, listen } from '../../../src/distributed/comm/index.js';

function pattern(bytes: number, seed: number): Uint8Array {
  const a = new Uint8Array(new SharedArrayBuffer(bytes));
  for (let i = 0; i < bytes; i++) a[i] = (i * 31 + seed) & 255;
  return a;
}

function collect(comm: Comm, n: number): Promise<unknown[]> {
  return new Promise((resolve) => {
    const got: unknown[] = [];
    comm.onMessage((m) => {
      got.push(m);
      if (got.length === n) resolve(got);
    });
  });
}

const SIZES = [0, 1, DIRECT_READ_MIN - 1, DIRECT_READ_MIN, DIRECT_READ_MIN + 1, 3 * 2 ** 20 + 5, 17];

t.test('frames of every size reach the connecting side intact, in SharedArrayBuffers', async (t) => {
  const listener = await listen({
    role: 'worker',
    onConnection: (comm) => {
      comm.onMessage(() => {
        // Small and large messages back to back, so that reads mix prefixes, headers and frame bodies.
        for (const [i, size] of SIZES.entries()) {
          comm.send({ op: 'data', i, a: pattern(size, i), b: pattern(size % 1000, i + 1) });
        }
        comm.send({ op: 'end' });
      });
    },
  });
  t.teardown(() => listener.close());
  const client = await connect(listener.address, { role: 'peer' });
  t.teardown(() => client.close());
  const received = collect(client, SIZES.length + 1);
  client.send({ op: 'go' });
  const msgs = (await received) as Array<{ op: string; i: number; a: Uint8Array; b: Uint8Array }>;
  t.equal(msgs.at(-1)?.op, 'end');
  for (let i = 0; i < SIZES.length; i++) {
    const m = msgs[i] as { i: number; a: Uint8Array; b: Uint8Array };
    t.equal(m.i, i);
    t.same(Buffer.from(m.a), Buffer.from(pattern(SIZES[i] as number, i)), `frame of ${SIZES[i]} bytes`);
    t.same(Buffer.from(m.b), Buffer.from(pattern((SIZES[i] as number) % 1000, i + 1)));
    if ((SIZES[i] as number) > 0) t.ok(m.a.buffer instanceof SharedArrayBuffer, 'received in a SharedArrayBuffer');
  }
  t.equal(client.bytesReceived > 3 * 2 ** 20, true, 'bytes received are counted on the direct path');
});

t.test('the accepting side (data events) receives the same bytes', async (t) => {
  let resolveMsg: (m: unknown) => void = () => {};
  const got = new Promise<unknown>((r) => {
    resolveMsg = r;
  });
  const listener = await listen({ role: 'worker', onConnection: (comm) => comm.onMessage((m) => resolveMsg(m)) });
  t.teardown(() => listener.close());
  const client = await connect(listener.address, { role: 'client' });
  t.teardown(() => client.close());
  const big = pattern(2 ** 20 + 3, 9);
  client.send({ op: 'put', big });
  const m = (await got) as { big: Uint8Array };
  t.same(Buffer.from(m.big), Buffer.from(big));
  t.ok(m.big.buffer instanceof SharedArrayBuffer);
});

t.test('FrameReader: direct reads into a frame, then chunks for the rest', async (t) => {
  const reader = new FrameReader(1 << 30);
  const body = pattern(DIRECT_READ_MIN * 3, 5);
  const header = Buffer.from([1, 2, 3]);
  const wire = Buffer.concat(
    frameMessage([header, body]).map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)),
  );
  const prefixAndHeader = 4 + 16 + header.length;
  t.equal(reader.directTarget(), null, 'nothing to read into before a prefix');
  t.same(reader.push(wire.subarray(0, prefixAndHeader + 10)), []);
  const target = reader.directTarget() as Uint8Array;
  t.equal(target.byteLength, body.byteLength - 10, 'the rest of the data frame');
  target.set(body.subarray(10, 10 + DIRECT_READ_MIN));
  t.same(reader.directFilled(DIRECT_READ_MIN), []);
  t.equal((reader.directTarget() as Uint8Array).byteLength, body.byteLength - 10 - DIRECT_READ_MIN);
  const rest = wire.subarray(prefixAndHeader + 10 + DIRECT_READ_MIN);
  const done = reader.push(rest);
  t.equal(done.length, 1);
  t.same(Buffer.from(done[0]?.[1] as Uint8Array), Buffer.from(body));
  t.equal(reader.bytesReceived, wire.length);
  t.throws(() => reader.directFilled(1), { code: 'MALFORMED' }, 'a direct read with no frame is refused');
});
