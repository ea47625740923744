// The live web dashboard of the local scheduler (issue 13, stage 1). The scheduler loads this module on demand
// through src/scheduler/dashboard_hook.ts; the pieces (TokenGate, DashboardServer, DashboardState, the page
// framework in static/) are exported for the cluster's scheduler and workers. See README.md.
import type { DashboardOptions, DashboardRun, DashboardSession } from '../scheduler/dashboard_hook.js';
import type { ProgressCallback } from '../scheduler/progress.js';
import { localMetrics } from './metrics.js';
import { localRoutes } from './routes.js';
import { DashboardServer, type StreamSource } from './server.js';
import { DashboardState, type DashboardStateOptions } from './state.js';
import { SystemSampler } from './system.js';

export { type Asset, loadAssets, staticDir } from './assets.js';
export { type AccessDecision, type AccessOptions, isLoopback, TokenGate } from './auth.js';
export { DashboardError, type DashboardErrorCode } from './errors.js';
export { idPrefix, keyPrefix, namePrefix } from './key_prefix.js';
export { localMetrics } from './metrics.js';
export { type ApiRoute, indexRoute, localRoutes } from './routes.js';
export * as schemas from './schemas.js';
export { SeriesRing } from './series.js';
export { DashboardServer, type DashboardServerOptions, type StreamSource } from './server.js';
export {
  type BarColumns,
  DashboardState,
  type DashboardStateOptions,
  type Delta,
  type LaneInfo,
  type PrefixCounts,
  type RunCounts,
  SAMPLE_COLUMNS,
  type SampleColumn,
  type Snapshot,
  type SystemSample,
} from './state.js';
export { SystemSampler } from './system.js';

/** The default port, as Dask's. */
export const DEFAULT_PORT = 8787;

/** Pages of the local dashboard. */
export const LOCAL_PAGES: Readonly<Record<string, string>> = {
  '/': '/static/index.html',
  '/status': '/static/index.html',
};

/** The local scheduler's dashboard: a DashboardState fed by progress events, served by a DashboardServer. */
export class LocalDashboard implements DashboardSession {
  private constructor(
    readonly state: DashboardState,
    readonly server: DashboardServer,
  ) {}

  /** Starts the server (see DashboardOptions) and prints its URL once unless `print: false`. */
  static async start(options: DashboardOptions = {}, stateOptions?: DashboardStateOptions): Promise<LocalDashboard> {
    const state = new DashboardState(stateOptions);
    const sampler = new SystemSampler();
    const source: StreamSource = {
      tick: () => state.sample(sampler.sample()),
      snapshot: (time) => state.snapshot(time),
      takeDelta: (time) => state.takeDelta(time),
    };
    const server = await DashboardServer.start({
      host: options.host,
      port: options.port ?? DEFAULT_PORT,
      fallbackToAnyPort: options.port === undefined,
      token: options.token,
      pages: LOCAL_PAGES,
      routes: localRoutes(state, Date.now()),
      metrics: localMetrics(state),
      source,
    });
    if (options.print !== false) console.log(`Tessera dashboard: ${server.url}`);
    return new LocalDashboard(state, server);
  }

  get url(): string {
    return this.server.url;
  }

  /** Feeds one compute's events into the state (O(1) each: see DashboardState.apply). */
  attach(_run: DashboardRun): ProgressCallback {
    const state = this.state;
    return (event) => state.apply(event);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** The provider the scheduler's dashboard hook loads: starts a LocalDashboard. */
export function startDashboard(options: DashboardOptions): Promise<DashboardSession> {
  return LocalDashboard.start(options);
}
