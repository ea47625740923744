import { SchedulerError } from './errors.js';
import type { ProgressCallback } from './progress.js';

// The scheduler's only contact with the web dashboard (src/dashboard). The dependency goes dashboard -> scheduler:
// the scheduler declares here what it needs from a dashboard (a progress callback per run, a URL, a close) and
// loads the implementation at run time, with a dynamic import whose specifier is computed, only when a caller asks
// for `dashboard`. So node:http, ws, prom-client and the page assets are never loaded by a compute without one,
// and no scheduler module imports src/dashboard statically. A host may also install its own implementation
// (`setDashboardProvider`), which is how tests or another front end would replace the default.

/** Where and how a dashboard listens. */
export interface DashboardOptions {
  /** TCP port. Default 8787; when that one is taken and no port was asked for, a free one. 0: any free port. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (loopback). Any other host requires a token. */
  host?: string;
  /** Secret a browser must present once (`?token=`) when bound beyond loopback; generated when absent. */
  token?: string;
  /** Print the URL once when the server starts (default true). */
  print?: boolean;
}

/** What a scheduler run tells a dashboard about itself. */
export interface DashboardRun {
  /** Worker threads that may run tasks (lanes of the task stream). */
  readonly threads: number;
}

/** A running dashboard, as the scheduler sees it. */
export interface DashboardSession {
  /** The page's address (with `?token=` when one is needed). */
  readonly url: string;
  /** A progress callback feeding one compute into the dashboard. Must be cheap per event (O(1)). */
  attach(run: DashboardRun): ProgressCallback;
  /** Stops the server and closes its sockets. */
  close(): Promise<void>;
}

/** Starts a dashboard server. */
export type DashboardProvider = (options: DashboardOptions) => Promise<DashboardSession>;

let provider: DashboardProvider | undefined;
const shared = new Map<string, Promise<DashboardSession>>();

/** Installs the function that starts dashboards (default: `startDashboard` of src/dashboard, loaded on demand). */
export function setDashboardProvider(next: DashboardProvider | undefined): void {
  provider = next;
}

/** Normalises the `dashboard` option of compute / ThreadPool; throws BAD_ARGUMENT on anything else. */
export function dashboardOptions(option: boolean | DashboardOptions | undefined): DashboardOptions | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return {};
  if (typeof option !== 'object' || option === null) {
    throw new SchedulerError(
      'BAD_ARGUMENT',
      `dashboard: expected true, false or { port, host }, got ${String(option)}`,
    );
  }
  const port = option.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new SchedulerError('BAD_ARGUMENT', `dashboard.port: expected an integer in 0..65535, got ${String(port)}`);
  }
  return option;
}

/** Starts a dashboard that its caller owns (a ThreadPool closes its own). */
export async function startOwnDashboard(options: DashboardOptions): Promise<DashboardSession> {
  const start = provider ?? (await loadDefaultProvider());
  return start(options);
}

/**
 * The process-wide dashboard for `options` (one per host:port), started on first use: `compute({ dashboard: true })`
 * called in a loop reuses one server and prints its URL once. The server does not keep the process alive.
 */
export function sharedDashboard(options: DashboardOptions): Promise<DashboardSession> {
  const id = `${options.host ?? ''}:${options.port ?? ''}`;
  let session = shared.get(id);
  if (!session) {
    session = startOwnDashboard(options);
    shared.set(id, session);
    session.catch(() => shared.delete(id));
  }
  return session;
}

/** Stops every process-wide dashboard started by compute. */
export async function closeSharedDashboards(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((s) => s.then((x) => x.close()).catch(() => undefined)));
}

async function loadDefaultProvider(): Promise<DashboardProvider> {
  // Computed specifier: a dynamic import, resolved next to this file (.ts under a TypeScript loader, .js built).
  const file = import.meta.url.endsWith('.ts') ? '../dashboard/index.ts' : '../dashboard/index.js';
  const module = (await import(new URL(file, import.meta.url).href)) as { startDashboard?: DashboardProvider };
  if (typeof module.startDashboard !== 'function') {
    throw new SchedulerError('BAD_ARGUMENT', `${file} does not export startDashboard`);
  }
  return module.startDashboard;
}
