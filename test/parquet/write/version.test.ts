// created_by carries the package version: keep src/parquet/write/version.ts in step with package.json.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { TESSERA_VERSION } from '../../../src/parquet/write/version.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
t.equal(TESSERA_VERSION, pkg.version);
