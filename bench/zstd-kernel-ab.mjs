// A/B mode of bench/zstd-kernel.mjs (issue 15, item 1): every page decompressed by the zstdDecompress export of
// each given kernels.wasm build, passes alternating between the builds in one process so that the machine's load
// weighs on both alike. Each build gets its own instance with all page bodies resident in its memory (the kernel's
// time only, no input copies); the builds must produce the same bytes for every page. Keep a build aside with
// `cp build/kernels.wasm /tmp/A.wasm`, change the kernel, `npm run build:wasm`, then pass both to --ab.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** One build's instance with every page body copied in (64-byte gaps for the kernel's over-reads). */
function load(wasmPath, pages) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {
    env: {
      abort() {
        throw new Error(`${wasmPath}: kernel aborted`);
      },
    },
  });
  const k = instance.exports;
  const base = k.memory.buffer.byteLength;
  const inputs = pages.reduce((n, p) => n + p.body.length + 64, 0);
  const outSize = Math.max(...pages.map((p) => p.size)) + 64;
  k.memory.grow(Math.ceil((inputs + outSize) / 65536) + 1);
  const mem = new Uint8Array(k.memory.buffer);
  let at = base;
  const ptrs = pages.map((p) => {
    mem.set(p.body, at);
    const ptr = at;
    at += p.body.length + 64;
    return ptr;
  });
  return { name: wasmPath, k, ptrs, out: at, times: [] };
}

/**
 * Times `passes` decodes of `pages` ({body, size}) with each kernel build in `builds` (paths of kernels.wasm),
 * alternating the order of the builds from pass to pass; prints the CPU ms per pass of each (min and median).
 */
export function abTest(pages, builds, passes, path) {
  const runs = builds.map((b) => load(b, pages));
  /** Decodes every page once; returns the CPU ms. */
  function pass(run) {
    const start = process.cpuUsage();
    for (let i = 0; i < pages.length; i++) {
      const status = run.k.zstdDecompress(run.ptrs[i], pages[i].body.length, run.out, pages[i].size);
      if (status !== pages[i].size) throw new Error(`${run.name}: page ${i} status ${status}`);
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  }
  // Same output from every build, page by page (untimed).
  for (let i = 0; i < pages.length; i++) {
    const outs = runs.map((r) => {
      r.k.zstdDecompress(r.ptrs[i], pages[i].body.length, r.out, pages[i].size);
      return Buffer.from(r.k.memory.buffer, r.out, pages[i].size);
    });
    for (const o of outs.slice(1)) if (!o.equals(outs[0])) throw new Error(`page ${i}: builds disagree`);
  }
  for (let p = 0; p < passes; p++) {
    const order = p % 2 === 0 ? runs : [...runs].reverse();
    for (const run of order) run.times.push(pass(run));
  }
  const mb = (n) => (n / 1e6).toFixed(1);
  console.log(
    `${path}: ${pages.length} pages, ${mb(pages.reduce((n, p) => n + p.body.length, 0))} MB -> ` +
      `${mb(pages.reduce((n, p) => n + p.size, 0))} MB; load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
  );
  for (const run of runs) {
    const sorted = [...run.times].sort((a, b) => a - b);
    console.log(
      `${run.name}: CPU ms per pass min ${sorted[0].toFixed(0)}, median ${sorted[passes >> 1].toFixed(0)} ` +
        `(${run.times.map((t) => t.toFixed(0)).join(' ')})`,
    );
  }
}
