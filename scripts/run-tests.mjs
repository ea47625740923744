// Runs the tap suite and ends with the line "N passed, N failed" (assertions), which CI reads.
import { spawn } from 'node:child_process';

const args = ['tap', ...process.argv.slice(2)];
const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'inherit'] });
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4096);
});
child.on('close', (code) => {
  const match = /# \{ total: (\d+)(?:, pass: (\d+))?(?:, fail: (\d+))?[^}]*\}/.exec(tail);
  const total = match ? Number(match[1]) : 0;
  const pass = match?.[2] ? Number(match[2]) : 0;
  const fail = match?.[3] ? Number(match[3]) : total - pass;
  const failed = code !== 0 && fail === 0 ? 1 : fail;
  console.log(`\n${pass} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
