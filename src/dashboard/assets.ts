import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardError } from './errors.js';
import { pageDocument } from './page_template.js';

/** A file served as is, read once at start-up (assets are small and served from the installed package). */
export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The folder of the page files (HTML, JS, CSS). They are plain browser modules in src/dashboard/static, shipped as
 * they are (package.json "files"); the built server in dist/src/dashboard finds them through the package root.
 */
export function staticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'static');
  if (existsSync(join(beside, 'index.html'))) return beside;
  const fromDist = join(here, '..', '..', '..', 'src', 'dashboard', 'static');
  if (existsSync(join(fromDist, 'index.html'))) return fromDist;
  throw new DashboardError('ASSET_MISSING', `dashboard page files not found next to ${here} nor in ${fromDist}`);
}

/**
 * Every asset by URL path: `/static/<file>` for each file of `dir` (page files wrapped in the shared template), and uPlot's ES module and stylesheet from the
 * installed `uplot` package under `/static/uplot/`. No CDN: machines of a cluster often have no internet.
 */
export function loadAssets(dir = staticDir()): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const ext = extname(name);
    const type = TYPES[ext];
    if (!type) continue;
    // A page file is its <main> only: the shared head and header come from the one template (page_template.ts).
    const body =
      ext === '.html'
        ? Buffer.from(pageDocument(name, readFileSync(join(dir, name), 'utf8')))
        : readFileSync(join(dir, name));
    assets.set(`/static/${name}`, { body, contentType: type });
  }
  const require = createRequire(import.meta.url);
  const uplotDir = dirname(require.resolve('uplot'));
  for (const [url, file] of [
    ['/static/uplot/uPlot.esm.js', 'uPlot.esm.js'],
    ['/static/uplot/uPlot.min.css', 'uPlot.min.css'],
  ] as const) {
    const path = join(uplotDir, file);
    if (!existsSync(path))
      throw new DashboardError('ASSET_MISSING', `uPlot file ${path} not found (npm install uplot)`);
    assets.set(url, { body: readFileSync(path), contentType: TYPES[extname(file)]! });
  }
  return assets;
}
