// Interrupting `tessera convert` with real signals: a child process is sent SIGINT or SIGTERM while it writes, and
// must exit with 128 + the signal number, leaving neither OUT nor its temporary file. Needs the build (dist/),
// like the published bin.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';

const bin = new URL('../../bin/tessera.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tessera-interrupt-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

// ~50 MB of CSV: long enough to convert that the signal lands while the output is being written.
const csv = join(dir, 'big.csv');
await new Promise<void>((resolve, reject) => {
  const out = createWriteStream(csv);
  out.on('error', reject);
  out.write('id,name,price,day\n');
  let i = 0;
  const chunk = (): void => {
    while (i < 1_500_000) {
      let text = '';
      for (let j = 0; j < 5000; j++, i++)
        text += `${i},name-${i % 977},${(i * 7919) % 100000}.25,2024-01-${(i % 28) + 1}\n`;
      if (!out.write(text)) {
        out.once('drain', chunk);
        return;
      }
    }
    out.end(resolve);
  };
  chunk();
});

function temporaries(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  t.test(`convert removes its temporary file on ${signal}`, async (t) => {
    const out = join(dir, `out-${signal}.parquet`);
    const child = spawn(process.execPath, [bin, 'convert', csv, out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Wait until the temporary output exists (the writer has started), then interrupt.
    let sent = false;
    while (!sent && child.exitCode === null) {
      if (temporaries().length > 0) {
        child.kill(signal);
        sent = true;
      } else await new Promise((r) => setTimeout(r, 5));
    }
    const code = await exited;
    t.ok(sent, 'the signal was sent while the conversion ran');
    t.equal(code, signal === 'SIGINT' ? 130 : 143, stderr);
    t.match(stderr, new RegExp(`interrupted by ${signal}; the partial output was removed`));
    t.same(temporaries(), [], 'no temporary file left');
    t.notOk(existsSync(out), 'OUT does not appear');
  });
}
