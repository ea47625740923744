/**
 * The cluster commands of `tessera`: `scheduler`, `worker` and `token`. The first two serve until SIGINT/SIGTERM
 * (a worker takes SIGTERM as "retire gracefully": it hands its results to other workers before it exits).
 */
import { parseArgs } from 'node:util';
import { CommError } from '../distributed/comm/errors.js';
import { newToken, readTlsFiles, readTokenFile, type SecurityOptions } from '../distributed/comm/security.js';
import { startSchedulerDashboard, startWorkerDashboard } from '../distributed/dashboard_hook.js';
import { startScheduler } from '../distributed/scheduler/server.js';
import { parseResources } from '../distributed/scheduler/state/resources.js';
import { startWorker } from '../distributed/worker/process.js';

/** The commands this module runs. */
export const CLUSTER_COMMANDS: ReadonlySet<string> = new Set(['scheduler', 'worker', 'token']);

const SECURITY_USAGE = `  --token-file F         shared token (make one with 'tessera token > F'; give the same file to every process)
  --tls-ca F --tls-cert F --tls-key F
                         mutual TLS: certificates signed by the cluster's CA`;

/** Usage text of each cluster command. */
export const CLUSTER_USAGE: Readonly<Record<string, string>> = {
  scheduler: `Usage: tessera scheduler [--host 127.0.0.1] [--port 8786] [--token-file F | TLS flags]
                         [--dashboard-port 8787 | --no-dashboard] [--dashboard-host H]

Runs the cluster scheduler; prints its address and serves until SIGINT/SIGTERM. Binding a non-loopback address
needs a token or TLS.
  --dashboard-port N     web dashboard port (default 8787; a free one when taken); 0 for any free port
  --no-dashboard         no web dashboard
  --dashboard-host H     interface of the dashboard (default 127.0.0.1; elsewhere pages need the cluster token)
${SECURITY_USAGE}
`,
  worker: `Usage: tessera worker tcp://HOST:PORT [--nthreads N] [--memory-limit 4GB] [--resources GPU=1,MEMORY=5e9]
                      [--name W] [--local-dir D] [--host H] [--death-timeout SECONDS]
                      [--token-file F | TLS flags]

Runs a worker of the scheduler at tcp://HOST:PORT on its own thread pool. SIGTERM retires it gracefully,
SIGINT stops it at once.
  --nthreads N           threads (default 1)
  --memory-limit SIZE    spill past 60%, pause past 80%, restart past 95% of it (default: no limit)
  --resources LIST       abstract resources this worker offers, NAME=number,...
  --name W               name shown by the scheduler
  --local-dir D          spilled results and uploaded modules (default: a temporary directory)
  --host H               interface the worker serves peers and clients on
  --death-timeout S      stop when the scheduler has not been heard from for S seconds (default: keep
                         reconnecting; a scheduler silent for 30 s is reconnected to either way)
  --dashboard-port N     its web dashboard's port (default: a free one, reported to the scheduler)
  --no-dashboard         no web dashboard
  --dashboard-host H     interface of the dashboard (default 127.0.0.1; elsewhere pages need the cluster token)
${SECURITY_USAGE}
`,
  token: `Usage: tessera token

Prints a new random token (64 hex digits). Save it to a file readable only by you and pass --token-file to the
scheduler, every worker, and Client({ token }).
`,
};

class ClusterUsageError extends Error {}

/** Runs `tessera <command> argv...` for a cluster command; resolves to the exit code. */
export async function runClusterCommand(
  command: string,
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  try {
    return await run(command, argv, io);
  } catch (err) {
    if (err instanceof ClusterUsageError) {
      io.stderr.write(`tessera ${command}: ${err.message}\nRun 'tessera ${command} --help' for usage.\n`);
      return 2;
    }
    if (
      err instanceof CommError ||
      (err instanceof Error && /BAD_ARGUMENT/.test(String((err as { code?: string }).code)))
    ) {
      io.stderr.write(`tessera ${command}: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`tessera ${command}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

const SECURITY_OPTIONS = {
  'token-file': { type: 'string' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(command: string, argv: string[], io: { stdout: NodeJS.WritableStream }): Promise<number> {
  if (command === 'token') {
    if (argv.includes('--help') || argv.includes('-h')) io.stdout.write(CLUSTER_USAGE.token);
    else if (argv.length > 0) throw new ClusterUsageError(`unexpected argument '${argv[0]}'`);
    else io.stdout.write(`${newToken()}\n`);
    return 0;
  }
  if (command === 'scheduler') {
    const { values, positionals } = parse(argv, {
      ...SECURITY_OPTIONS,
      host: { type: 'string' },
      port: { type: 'string' },
      ...DASHBOARD_OPTIONS,
    });
    if (values.help) {
      io.stdout.write(CLUSTER_USAGE.scheduler);
      return 0;
    }
    if (positionals.length > 0) throw new ClusterUsageError(`unexpected argument '${positionals[0]}'`);
    const sec = security(values);
    const dashboard = values['no-dashboard']
      ? undefined
      : await startSchedulerDashboard({ ...dashboardFlags(values), token: sec.token, print: false });
    const server = await startScheduler({
      host: values.host as string | undefined,
      port: values.port === undefined ? 8786 : parsePort(values.port as string),
      security: sec,
      ...(dashboard ? { observer: dashboard.observe } : {}),
    });
    io.stdout.write(`Scheduler at ${server.address}\n`);
    if (dashboard) io.stdout.write(`Dashboard at ${dashboard.url}\n`);
    await untilSignal();
    await dashboard?.close();
    await server.close();
    return 0;
  }
  // worker
  const { values, positionals } = parse(argv, {
    ...SECURITY_OPTIONS,
    nthreads: { type: 'string' },
    'memory-limit': { type: 'string' },
    resources: { type: 'string' },
    name: { type: 'string' },
    'local-dir': { type: 'string' },
    host: { type: 'string' },
    'death-timeout': { type: 'string' },
    ...DASHBOARD_OPTIONS,
  });
  if (values.help) {
    io.stdout.write(CLUSTER_USAGE.worker);
    return 0;
  }
  if (positionals.length !== 1) throw new ClusterUsageError('expected the scheduler address, e.g. tcp://10.0.0.1:8786');
  const nthreads = values.nthreads === undefined ? 1 : Number(values.nthreads);
  if (!Number.isInteger(nthreads) || nthreads < 1) {
    throw new ClusterUsageError(`--nthreads needs a positive integer, got '${values.nthreads}'`);
  }
  const deathTimeout = values['death-timeout'] === undefined ? undefined : Number(values['death-timeout']);
  if (deathTimeout !== undefined && !(deathTimeout > 0)) {
    throw new ClusterUsageError(`--death-timeout needs a positive number of seconds, got '${values['death-timeout']}'`);
  }
  const sec = security(values);
  const name = values.name as string | undefined;
  const dashboard = values['no-dashboard']
    ? undefined
    : await startWorkerDashboard({
        ...dashboardFlags(values, 0),
        token: sec.token,
        print: false,
        name: name ?? 'worker',
        nthreads,
      });
  const worker = await startWorker({
    scheduler: positionals[0],
    nthreads,
    memoryLimit: values['memory-limit'] as string | undefined,
    resources: values.resources === undefined ? undefined : parseResources(values.resources as string),
    name,
    localDir: values['local-dir'] as string | undefined,
    host: values.host as string | undefined,
    security: sec,
    handleSignals: true,
    ...(deathTimeout !== undefined ? { deathTimeoutMs: deathTimeout * 1000 } : {}),
    ...(dashboard ? { observer: dashboard, dashboardAddress: dashboard.address } : {}),
  });
  dashboard?.setWorkerAddress(worker.address);
  io.stdout.write(`Worker ${worker.name} at ${worker.address}\n`);
  if (dashboard) io.stdout.write(`Dashboard at ${dashboard.url}\n`);
  await worker.closed;
  await dashboard?.close();
  return 0;
}

const DASHBOARD_OPTIONS = {
  'dashboard-port': { type: 'string' },
  'dashboard-host': { type: 'string' },
  'no-dashboard': { type: 'boolean' },
} as const;

// --dashboard-port / --dashboard-host as dashboard options (`port` left out: the default of the process kind).
function dashboardFlags(values: Record<string, unknown>, defaultPort?: number): { port?: number; host?: string } {
  const port = values['dashboard-port'] as string | undefined;
  const host = values['dashboard-host'] as string | undefined;
  return {
    ...(port !== undefined
      ? { port: parsePort(port, '--dashboard-port') }
      : defaultPort !== undefined
        ? { port: defaultPort }
        : {}),
    ...(host !== undefined ? { host } : {}),
  };
}

function parse(argv: string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new ClusterUsageError((err as Error).message);
  }
}

function parsePort(text: string, flag = '--port'): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new ClusterUsageError(`${flag} needs 0..65535, got '${text}'`);
  return port;
}

function security(values: Record<string, unknown>): SecurityOptions {
  const tokenFile = values['token-file'] as string | undefined;
  const tls = readTlsFiles({
    ca: values['tls-ca'] as string | undefined,
    cert: values['tls-cert'] as string | undefined,
    key: values['tls-key'] as string | undefined,
  });
  return {
    ...(tokenFile !== undefined ? { token: readTokenFile(tokenFile) } : {}),
    ...(tls ? { tls } : {}),
  };
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
