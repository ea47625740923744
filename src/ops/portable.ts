/**
 * Location-independent op names, for graphs that run on other machines.
 *
 * Locally an op is `moduleURL#exportName`, where the URL is a `file:` URL of this machine (see registry.ts). On a
 * cluster that path may not exist, so the client rewrites each name before sending a graph:
 *
 * - a module inside an npm package (tessera itself, or one of the user's dependencies) becomes
 *   `pkg:<package name>/<path in the package, without extension>#export`; each worker resolves it in its own
 *   install of that package, trying the path as built JavaScript (`dist/<path>.js`, `<path>.js`, `.mjs`) and, for
 *   a worker that runs TypeScript sources (tests), `<path>.ts`. Source and build therefore share one name:
 *   `src/dataframe/ops/groupby.ts` and `dist/src/dataframe/ops/groupby.js` are both `pkg:tessera/src/dataframe/ops/groupby`;
 * - a module the client uploaded (`client.uploadModule(path)`) becomes `upload:<file name>#export`, resolved to the
 *   copy stored in the worker's local dir;
 * - built-in ops and names that are already portable stay as they are.
 *
 * A `file:` module that is in no package and was not uploaded cannot run elsewhere: the client refuses the graph
 * with an error that says to upload it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OpError } from './errors.js';

/** The package a file belongs to: its root directory and name (nearest package.json that has a name). */
function owningPackage(file: string): { root: string; name: string } | undefined {
  let dir = dirname(file);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
        if (typeof name === 'string' && name.length > 0) return { root: dir, name };
      } catch {
        // An unreadable manifest does not name a package: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const portableCache = new Map<string, string>();

/**
 * The portable form of op `name` (see the file header). `uploaded` maps absolute paths of uploaded modules to the
 * names they were uploaded under. Throws OpError MODULE_LOAD for a `file:` module outside any package that was not
 * uploaded.
 */
export function portableOpName(name: string, uploaded: ReadonlyMap<string, string> = new Map()): string {
  const hash = name.lastIndexOf('#');
  if (hash <= 0 || !name.startsWith('file:')) return name;
  const file = fileURLToPath(name.slice(0, hash));
  const exportName = name.slice(hash + 1);
  const up = uploaded.get(file);
  if (up !== undefined) return `upload:${up}#${exportName}`;
  const cached = portableCache.get(name);
  if (cached !== undefined) return cached;
  const pkg = owningPackage(file);
  if (!pkg) {
    throw new OpError(
      'MODULE_LOAD',
      `op ${exportName} lives in ${file}, which is in no package and was not uploaded: call ` +
        `client.uploadModule(${JSON.stringify(file)}) before submitting, or put it in a package the workers have`,
      name,
    );
  }
  let rel = relative(pkg.root, file).split(sep).join('/');
  // Built files and sources share one name: drop the extension and the build directory.
  rel = rel.replace(/\.(?:[cm]?js|[cm]?ts)$/, '');
  if (rel.startsWith('dist/')) rel = rel.slice('dist/'.length);
  const portable = `pkg:${pkg.name}/${rel}#${exportName}`;
  portableCache.set(name, portable);
  return portable;
}

/** Where a worker finds what `pkg:` and `upload:` names refer to. */
export interface OpLocations {
  /** Directory holding uploaded modules (in the worker's local dir). */
  readonly uploadDir?: string;
  /** Directory package names are resolved from (the worker's install). Default: this module's own install. */
  readonly resolveFrom?: string;
  /** Try `.ts` sources first (a worker running under a TypeScript loader). Default: when this file is `.ts`. */
  readonly preferSources?: boolean;
  /** Named in errors: the worker that could not resolve. */
  readonly worker?: string;
}

const localCache = new Map<string, string>();

/**
 * The local `moduleURL#export` name of a portable op name, as the worker's threads import it. Names that are not
 * `pkg:` or `upload:` are returned unchanged. Throws OpError MODULE_LOAD naming the module and the worker when the
 * module is not in this install or was not uploaded here.
 */
export function localOpName(name: string, where: OpLocations = {}): string {
  if (!name.startsWith('pkg:') && !name.startsWith('upload:')) return name;
  const cacheKey = `${where.uploadDir ?? ''}\n${where.resolveFrom ?? ''}\n${where.preferSources}\n${name}`;
  const hit = localCache.get(cacheKey);
  if (hit !== undefined) return hit;
  const hash = name.lastIndexOf('#');
  if (hash <= 0) throw new OpError('BAD_OP_REF', `${JSON.stringify(name)} has no "#export" part`, name);
  const spec = name.slice(0, hash);
  const onWorker = where.worker ? ` on worker ${where.worker}` : '';
  let file: string | undefined;
  if (spec.startsWith('upload:')) {
    const module = spec.slice('upload:'.length);
    if (where.uploadDir !== undefined && basename(module) === module) {
      const candidate = join(where.uploadDir, module);
      if (existsSync(candidate)) file = candidate;
    }
    if (file === undefined) {
      throw new OpError('MODULE_LOAD', `module ${module} was not uploaded${onWorker} (client.uploadModule)`, name);
    }
  } else {
    file = resolvePackagePath(spec.slice('pkg:'.length), where);
    if (file === undefined) {
      throw new OpError(
        'MODULE_LOAD',
        `cannot resolve module ${spec.slice('pkg:'.length)}${onWorker}: the package or the file is not installed there`,
        name,
      );
    }
  }
  const local = `${pathToFileURL(file).href}#${name.slice(hash + 1)}`;
  localCache.set(cacheKey, local);
  return local;
}

function resolvePackagePath(specifier: string, where: OpLocations): string | undefined {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  if (parts.length <= nameParts || parts.some((p) => p === '..' || p === '')) return undefined;
  const pkgName = parts.slice(0, nameParts).join('/');
  const rel = parts.slice(nameParts).join('/');
  const root = packageRoot(pkgName, where.resolveFrom);
  if (root === undefined) return undefined;
  const sources = where.preferSources ?? import.meta.url.endsWith('.ts');
  const built = [`dist/${rel}.js`, `${rel}.js`, `${rel}.mjs`, `dist/${rel}.mjs`];
  const ts = [`${rel}.ts`, `${rel}.mts`];
  for (const candidate of sources ? [...ts, ...built] : built) {
    const path = join(root, candidate);
    if (existsSync(path)) return path;
  }
  return undefined;
}

function packageRoot(pkgName: string, resolveFrom: string | undefined): string | undefined {
  // The package this file belongs to (tessera itself) resolves to its own root.
  const own = owningPackage(fileURLToPath(import.meta.url));
  if (own && own.name === pkgName) return own.root;
  const require = createRequire(resolveFrom ? join(resolveFrom, 'noop.js') : import.meta.url);
  let dir: string | undefined;
  try {
    dir = dirname(require.resolve(`${pkgName}/package.json`));
  } catch {
    // package.json not exported: find the package's main entry and walk up to its manifest.
    try {
      const entry = require.resolve(pkgName);
      const pkg = owningPackage(entry);
      if (pkg && pkg.name === pkgName) dir = pkg.root;
    } catch {
      return undefined;
    }
  }
  return dir;
}
