// The dashboard's pages share one template (src/dashboard/page_template.ts): each page file holds only its <main>.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { loadAssets, staticDir } from '../../src/dashboard/assets.js';
import { DashboardError } from '../../src/dashboard/errors.js';
import { PAGES, pageDocument, renderPage } from '../../src/dashboard/page_template.js';

t.test('every page file is served as a whole document built from the one template', async (t) => {
  const dir = staticDir();
  const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
  t.same(files.sort(), Object.keys(PAGES).sort(), 'one template entry per page file');
  const assets = loadAssets(dir);
  for (const file of files) {
    const head = PAGES[file]!;
    const main = readFileSync(join(dir, file), 'utf8');
    t.match(main, /^\s*<main>[\s\S]*<\/main>\s*$/, `${file} holds only its <main>`);
    const doc = assets.get(`/static/${file}`)!.body.toString();
    t.ok(doc.startsWith('<!doctype html>\n<html lang="en">\n<head>'), `${file}: a document`);
    t.equal(doc.match(/<head>/g)?.length, 1, `${file}: one head`);
    t.ok(doc.includes(`<title>${head.title}</title>`), `${file}: its title`);
    t.ok(doc.includes('<link rel="stylesheet" href="/static/dashboard.css">'), `${file}: the stylesheet`);
    t.ok(doc.includes('<link rel="stylesheet" href="/static/uplot/uPlot.min.css">'), `${file}: uPlot's stylesheet`);
    t.ok(doc.includes(`<script type="module" src="/static/${head.script}"></script>`), `${file}: its script`);
    t.ok(readdirSync(dir).includes(head.script), `${file}: ${head.script} exists`);
    t.equal(doc.includes('<nav></nav>'), head.nav === true, `${file}: nav bar ${head.nav ? 'present' : 'absent'}`);
    t.ok(doc.includes(main.trimEnd()), `${file}: its main, unchanged`);
  }
});

t.test('the template escapes what it writes and refuses page files it cannot wrap', async (t) => {
  const doc = renderPage({ title: 'a <b> & "c"', script: 'x.js', bodyClass: 'k' }, '  <main></main>\n');
  t.ok(doc.includes('<title>a &lt;b&gt; &amp; &quot;c&quot;</title>'));
  t.ok(doc.includes('<body class="k">'));
  t.notOk(doc.includes('<nav>'));
  t.throws(() => pageDocument('nope.html', '<main></main>'), DashboardError);
  t.throws(() => pageDocument('nope.html', '<main></main>'), {
    code: 'ASSET_MISSING',
    message: /nope\.html has no entry in PAGES/,
  });
  t.throws(() => pageDocument('index.html', '<!doctype html><html><head></head><main></main></html>'), {
    code: 'ASSET_MISSING',
    message: /index\.html is a whole document/,
  });
});
