// Mutual TLS with CA verification: certificates made with openssl for the test (skipped without openssl).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { connect, listen, newToken, type TlsOptions } from '../../../src/distributed/comm/index.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A CA and one certificate signed by it per name, in `dir`. */
function makeCa(dir: string, ca: string, names: string[]): Record<string, TlsOptions> {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${ca}`,
    '-keyout',
    `${ca}.key`,
    '-out',
    `${ca}.pem`,
  );
  const out: Record<string, TlsOptions> = {};
  for (const name of names) {
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${name}.pem`,
    );
    out[name] = {
      ca: readFileSync(join(dir, `${ca}.pem`)),
      cert: readFileSync(join(dir, `${name}.pem`)),
      key: readFileSync(join(dir, `${name}.key`)),
    };
  }
  return out;
}

t.test(
  'mutual TLS: same CA connects; no certificate or another CA is refused',
  { skip: hasOpenssl() ? false : 'openssl not found' },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-tls-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const good = makeCa(dir, 'cluster-ca', ['server', 'client']);
    const other = makeCa(dir, 'other-ca', ['intruder']);
    const token = newToken();
    const logs: string[] = [];
    const listener = await listen({
      host: '0.0.0.0',
      role: 'scheduler',
      security: { tls: good.server, token },
      log: (_l, m) => logs.push(m),
      onConnection: (comm) => comm.onMessage((m) => comm.send(m)),
    });
    t.teardown(() => listener.close());
    t.match(listener.address, /^tls:\/\//, 'a tls:// address; a public interface is allowed with TLS');
    t.notMatch(listener.address, /0\.0\.0\.0/, 'a wildcard bind advertises a connectable address');
    const address = listener.address.replace(/\/\/[^:]+:/, '//127.0.0.1:');

    const client = await connect(address, { role: 'client', security: { tls: good.client, token } });
    t.teardown(() => client.close());
    client.send({ op: 'ping', payload: new Float64Array([1.5, 2.5]) });
    const back = (await client[Symbol.asyncIterator]().next()).value as { payload: Float64Array };
    t.same(Array.from(back.payload), [1.5, 2.5], 'messages and frames round-trip over TLS');

    await t.rejects(
      connect(address, { role: 'client', security: { tls: other.intruder, token } }),
      'certificate of another CA refused',
    );
    await t.rejects(connect(address, { role: 'client', security: { token } }), {
      code: 'BAD_ARGUMENT',
      message: /uses TLS/,
    });
    await t.rejects(
      connect(address.replace('tls://', 'tcp://'), { role: 'client', security: { token }, timeoutMs: 2000 }),
      'plain TCP to a TLS port refused',
    );
    t.ok(listener.refused >= 2, `refusals counted (${listener.refused})`);
  },
);
