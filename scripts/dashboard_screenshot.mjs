// Makes docs/dashboard.png from a real run: starts the demo with its dashboard (`--dashboard-port 0`), opens the
// printed URL in headless chromium (playwright-core, /usr/bin/chromium or $CHROMIUM_PATH) and takes a screenshot
// every `--every` seconds into test-artifacts/demo-<n>.png; `--pick N` copies shot N to docs/dashboard.png.
// Needs `npm run build`. Usage: node scripts/dashboard_screenshot.mjs [--every 3] [--pick N]
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { every: { type: 'string', default: '3' }, pick: { type: 'string' } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
if (values.pick !== undefined) {
  copyFileSync(join(artifacts, `demo-${values.pick}.png`), join(root, 'docs', 'dashboard.png'));
  console.log(`copied demo-${values.pick}.png to docs/dashboard.png`);
  process.exit(0);
}

const demo = spawn(process.execPath, [join(root, 'dist/src/cli/demo.js'), '--dashboard-port', '0'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: demo.stdout });
  lines.on('line', (line) => {
    console.log(`demo | ${line}`);
    const match = /^Tessera dashboard: (\S+)/.exec(line);
    if (match) resolve(match[1]);
  });
  demo.on('exit', (code) => reject(new Error(`the demo exited (${code}) before printing the dashboard URL`)));
});
const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});
const page = await context.newPage();
await page.goto(url);
let n = 0;
let running = true;
demo.on('exit', () => {
  running = false;
});
while (running) {
  await new Promise((resolve) => setTimeout(resolve, Number(values.every) * 1000));
  if (!running) break;
  const path = join(artifacts, `demo-${n}.png`);
  await page.screenshot({ path });
  console.log(`shot ${n}: ${path}`);
  n++;
}
await context.close();
rmSync(profile, { recursive: true, force: true });
