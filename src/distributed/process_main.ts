/**
 * Entry of the child processes LocalCluster starts: `node process_main.js scheduler|worker '<json options>'`.
 * The token comes in the `TESSERA_CLUSTER_TOKEN` environment variable (not argv, which `ps` shows). The child
 * reports `{ type: 'ready', address, name }` over the IPC channel once serving, and exits when its parent goes
 * away (the IPC channel closes), so a crashed test leaves no process behind.
 */
import type { SecurityOptions } from './comm/index.js';
import { startSchedulerDashboard, startWorkerDashboard } from './dashboard_hook.js';
import { startScheduler } from './scheduler/server.js';
import { startWorker, type WorkerOptions } from './worker/process.js';

const [role, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}') as Record<string, unknown>;
const token = process.env.TESSERA_CLUSTER_TOKEN;
const security: SecurityOptions = token ? { token } : {};

function report(msg: Record<string, unknown>): void {
  process.send?.(msg);
}

async function main(): Promise<void> {
  // `dashboard: { port }` (LocalCluster's dashboard option) serves the dashboard of this process.
  const dashboardOption = options.dashboard as { port?: number } | undefined;
  const dashboardPort = dashboardOption?.port;
  delete options.dashboard;
  if (role === 'scheduler') {
    const dashboard =
      dashboardOption === undefined
        ? undefined
        : await startSchedulerDashboard({ port: dashboardPort, token, print: false });
    const server = await startScheduler({ ...options, security, observer: dashboard?.observe });
    report({ type: 'ready', address: server.address, name: 'scheduler', dashboard: dashboard?.url });
    const stop = (): void => {
      void dashboard?.close();
      server.close().finally(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('disconnect', stop);
    return;
  }
  if (role === 'worker') {
    const opts = options as unknown as WorkerOptions;
    const dashboard =
      dashboardOption === undefined
        ? undefined
        : await startWorkerDashboard({
            port: dashboardPort,
            token,
            print: false,
            name: opts.name ?? 'worker',
            nthreads: opts.nthreads ?? 1,
          });
    const worker = await startWorker({
      ...opts,
      security,
      handleSignals: true,
      ...(dashboard ? { observer: dashboard, dashboardAddress: dashboard.address } : {}),
    });
    dashboard?.setWorkerAddress(worker.address);
    report({ type: 'ready', address: worker.address, name: worker.name, dashboard: dashboard?.url });
    process.on('disconnect', () => {
      worker.close('parent process gone').finally(() => process.exit(0));
    });
    worker.closed.then(() => process.exit(0));
    return;
  }
  throw new Error(`process_main: unknown role ${JSON.stringify(role)} (scheduler or worker)`);
}

main().catch((err: Error) => {
  report({ type: 'failed', message: err.message });
  process.stderr.write(`tessera ${role}: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
