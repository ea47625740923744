/**
 * What the scheduler does with each client message: graphs, per-client reference counts (a result stays while some
 * client wants it), cancellation, scattered data, lookups and module uploads.
 */
import { forEachReference } from '../../../graph/task.js';
import type { ClientTask, ClientToScheduler, KeyId, WireError, WorkerAddress } from '../../protocol/messages.js';
import type { Core } from './core.js';
import { TaskState } from './task.js';
import { forgettable, toErred, toMemory } from './transitions.js';
import type { ClientId } from './types.js';

/** Dispatches one client message; `client` is the connection's client id. */
export function clientMessage(core: Core, client: ClientId, msg: ClientToScheduler): void {
  switch (msg.op) {
    case 'register-client':
      wantsOf(core, msg.clientId);
      return;
    case 'update-graph':
      updateGraph(core, msg.clientId, msg.tasks, msg.wants);
      return;
    case 'client-desires-keys':
      for (const key of msg.keys) desire(core, msg.clientId, key);
      return;
    case 'client-releases-keys':
      for (const key of msg.keys) releaseKey(core, msg.clientId, key);
      return;
    case 'cancel-keys':
      for (const key of msg.keys) {
        releaseKey(core, msg.clientId, key);
        core.outbox.toClient(msg.clientId, { op: 'task-cancelled', key });
      }
      return;
    case 'close-client': {
      const wants = core.clients.get(msg.clientId);
      if (wants !== undefined) for (const task of [...wants]) releaseKey(core, msg.clientId, task.key);
      core.clients.delete(msg.clientId);
      return;
    }
    case 'who-has': {
      const whoHas: Record<KeyId, WorkerAddress[]> = {};
      for (const key of msg.keys) whoHas[key] = core.tasks.get(key)?.whoHas.map((w) => w.address) ?? [];
      core.outbox.toClient(client, { op: 'who-has', requestId: msg.requestId, whoHas });
      return;
    }
    case 'update-data':
      updateData(core, msg.clientId, msg.whoHas, msg.nbytes);
      return;
    case 'upload-module':
      core.modules.set(msg.name, msg.source);
      for (const w of core.workers.values()) {
        core.outbox.toWorker(w.address, { op: 'upload-module', name: msg.name, source: msg.source });
      }
      core.outbox.toClient(client, { op: 'reply', requestId: msg.requestId, value: { workers: core.workers.size } });
      return;
    case 'identity':
      core.outbox.toClient(client, { op: 'reply', requestId: msg.requestId, value: identity(core) });
      return;
    default:
      core.outbox.log('warn', `unknown message ${(msg as { op: string }).op} from client ${client}`, core.stimulusId);
  }
}

function wantsOf(core: Core, client: ClientId): Set<TaskState> {
  let wants = core.clients.get(client);
  if (wants === undefined) {
    wants = new Set();
    core.clients.set(client, wants);
  }
  return wants;
}

/**
 * A graph from a client. Known keys keep their state (a second submission of a computed key reuses its result);
 * new tasks are linked to their dependencies, and everything the wanted keys need is brought to waiting.
 */
export function updateGraph(core: Core, client: ClientId, tasks: readonly ClientTask[], wants: readonly KeyId[]): void {
  const generation = ++core.generation;
  const added: TaskState[] = [];
  for (const t of tasks) {
    const problem = badTask(t);
    if (problem !== undefined) {
      const key = typeof t?.key === 'string' ? t.key : String(t?.key);
      const error: WireError = { name: 'BadTask', message: `update-graph: task ${key} ${problem}`, stack: undefined };
      core.outbox.toClient(client, { op: 'task-erred', key, error });
      continue;
    }
    if (core.tasks.has(t.key)) continue;
    const group = core.group(t.key);
    const task = new TaskState(t.key, group, t.spec, [-(t.priority ?? 0), generation, t.order], t.retries ?? 0);
    if (t.resources !== undefined && Object.keys(t.resources).length > 0) task.resources = t.resources;
    if (t.workers !== undefined && t.workers.length > 0) task.workers = t.workers;
    group.size++;
    core.tasks.set(t.key, task);
    added.push(task);
  }
  for (const task of added) link(core, task);
  for (const key of wants) desire(core, client, key);
  // Tasks of this submission that no wanted key needs are not kept.
  for (const task of added) if (task.state === 'released' && forgettable(task)) core.recommend(task, 'forgotten');
}

/** Links a new task to its dependencies; one the scheduler does not know makes it err with a clear message. */
/** What is wrong with a submitted task's shape, or undefined. */
function badTask(t: ClientTask): string | undefined {
  if (t === null || typeof t !== 'object') return 'is not an object';
  if (typeof t.key !== 'string' || t.key === '') return 'has no string key';
  const spec = t.spec as { fn?: unknown; args?: unknown } | undefined;
  if (spec === null || typeof spec !== 'object' || typeof spec.fn !== 'string' || !Array.isArray(spec.args)) {
    return 'has no task spec { fn: string, args: [] }';
  }
  if (typeof t.order !== 'number' || !Number.isFinite(t.order)) return 'has no numeric graph order';
  return undefined;
}

function link(core: Core, task: TaskState): void {
  let missing: KeyId | undefined;
  let bad: string | undefined;
  try {
    linkReferences(core, task, (id) => {
      missing ??= id;
    });
  } catch (err) {
    bad = err instanceof Error ? err.message : String(err);
  }
  if (bad !== undefined) {
    toErred(core, task, { name: 'BadTask', message: `task ${task.key}: ${bad}`, stack: undefined }, task);
    return;
  }
  reportMissing(core, task, missing);
}

function linkReferences(core: Core, task: TaskState, onMissing: (id: KeyId) => void): void {
  forEachReference(task.spec!.args, (id) => {
    const dep = core.tasks.get(id);
    if (dep === undefined) {
      onMissing(id);
      return;
    }
    if (!task.addDependency(dep)) return;
    dep.addDependent(task);
    if (dep.state !== 'memory') task.missingDeps++;
    if (dep.group !== task.group) task.group.dependencies.add(dep.group);
  });
}

function reportMissing(core: Core, task: TaskState, missing: KeyId | undefined): void {
  if (missing !== undefined) {
    const error: WireError = {
      name: 'MissingDependency',
      message: `task ${task.key} depends on ${missing}, which is neither in the submitted graph nor on the cluster`,
      stack: undefined,
    };
    toErred(core, task, error, task);
  }
}

/** `client` holds a future for `key`: it is computed if it is not, and the client told when it is done or failed. */
function desire(core: Core, client: ClientId, key: KeyId): void {
  const task = core.tasks.get(key);
  if (task === undefined) {
    const error: WireError = { name: 'UnknownKey', message: `no task ${key} on the scheduler`, stack: undefined };
    core.outbox.toClient(client, { op: 'task-erred', key, error });
    return;
  }
  task.addWanter(client);
  wantsOf(core, client).add(task);
  if (task.state === 'memory') {
    core.outbox.toClient(client, { op: 'key-in-memory', key, nbytes: task.nbytes, type: task.type });
  } else if (task.state === 'erred') {
    core.outbox.toClient(client, { op: 'task-erred', key, error: task.exception! });
  } else if (task.state === 'released') {
    core.recommend(task, 'waiting');
  }
}

/** `client` dropped its last future for `key`: the result goes when no client and no pending dependent needs it. */
function releaseKey(core: Core, client: ClientId, key: KeyId): void {
  const task = core.tasks.get(key);
  if (task === undefined) return;
  task.wantedBy.delete(client);
  core.clients.get(client)?.delete(task);
  if (task.needed) return;
  if (task.state === 'released' || task.state === 'erred') core.recommend(task, 'forgotten');
  else core.recommend(task, 'released');
}

/** Data a client scattered to workers itself: recorded in memory there, wanted by that client. */
function updateData(
  core: Core,
  client: ClientId,
  whoHas: Readonly<Record<KeyId, readonly WorkerAddress[]>>,
  nbytes: Readonly<Record<KeyId, number>>,
): void {
  const generation = ++core.generation;
  for (const key in whoHas) {
    let task = core.tasks.get(key);
    if (task === undefined) {
      const group = core.group(key);
      task = new TaskState(key, group, undefined, [0, generation, 0], 0);
      group.size++;
      core.tasks.set(key, task);
    }
    task.addWanter(client);
    wantsOf(core, client).add(task);
    for (const address of whoHas[key]!) {
      const w = core.workers.get(address);
      if (w === undefined) {
        core.outbox.log('warn', `update-data: ${key} on unknown worker ${address}`, core.stimulusId);
        continue;
      }
      toMemory(core, task, w, nbytes[key] ?? 0, 'scattered');
    }
  }
}

/** The cluster as the `identity` request shows it. */
function identity(core: Core): unknown {
  const workers: Record<string, unknown> = {};
  for (const w of core.workers.values()) {
    workers[w.address] = {
      name: w.name,
      nthreads: w.nthreads,
      memoryLimit: w.memoryLimit,
      resources: w.resources,
      status: w.status,
      processing: w.processing.size,
      nbytes: w.nbytes,
      keys: w.hasWhat.size,
      metrics: w.metrics,
    };
  }
  return { workers, tasks: core.tasks.size, clients: core.clients.size, queued: core.queue.size };
}
