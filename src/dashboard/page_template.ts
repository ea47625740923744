/**
 * The one HTML template of the dashboard's pages. Each page file in static/ holds only its `<main>` (what differs);
 * the head (charset, viewport, stylesheets), the header bar and the page's module script are the same on every page
 * and are written here once. `loadAssets` (assets.ts) wraps every page file at start-up, so a page is still served
 * as one static document.
 */
import { DashboardError } from './errors.js';

/** What the shared template needs to know about one page. */
export interface PageHead {
  /** The document title. */
  readonly title: string;
  /** The page's module, a file of static/ (e.g. `cluster.js`). */
  readonly script: string;
  /** Class of `<body>` (the cluster pages' layout). */
  readonly bodyClass?: string;
  /** Whether the header has the navigation bar (filled by the page's script: the scheduler's pages). */
  readonly nav?: boolean;
}

/** Every page file of static/, by file name. A page file not listed here is refused at start-up. */
export const PAGES: Readonly<Record<string, PageHead>> = {
  'index.html': { title: 'Tessera dashboard', script: 'status.js' },
  'cluster.html': { title: 'Tessera cluster: status', script: 'cluster.js', bodyClass: 'cluster', nav: true },
  'workers.html': { title: 'Tessera cluster: workers', script: 'workers.js', nav: true },
  'bandwidth.html': { title: 'Tessera cluster: bandwidth', script: 'bandwidth.js', nav: true },
  'graph.html': { title: 'Tessera cluster: graph', script: 'graph.js', nav: true },
  'worker.html': { title: 'Tessera worker', script: 'worker.js', bodyClass: 'cluster', nav: true },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** The whole document of a page: the shared head and header, its `main` (the page file), its script. */
export function renderPage(head: PageHead, main: string): string {
  const bodyClass = head.bodyClass === undefined ? '' : ` class="${escapeHtml(head.bodyClass)}"`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(head.title)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/static/uplot/uPlot.min.css">
  <link rel="stylesheet" href="/static/dashboard.css">
</head>
<body${bodyClass}>
  <header>
    <h1>Tessera</h1>${head.nav ? '\n    <nav></nav>' : ''}
    <span id="runs"></span>
    <span id="connection" class="connection">connecting</span>
  </header>
${main.trimEnd()}
  <script type="module" src="/static/${escapeHtml(head.script)}"></script>
</body>
</html>
`;
}

/**
 * The document served for page file `name` whose text is `main`. Throws DashboardError ASSET_MISSING when the file
 * has no entry in {@link PAGES}, or when it is a whole document rather than the `<main>` the template expects.
 */
export function pageDocument(name: string, main: string): string {
  const head = PAGES[name];
  if (head === undefined) {
    throw new DashboardError(
      'ASSET_MISSING',
      `dashboard page file ${name} has no entry in PAGES (src/dashboard/page_template.ts)`,
    );
  }
  if (/<html|<head|<!doctype/i.test(main)) {
    throw new DashboardError(
      'ASSET_MISSING',
      `dashboard page file ${name} is a whole document: it must hold only its <main>, the head comes from page_template.ts`,
    );
  }
  return renderPage(head, main);
}
