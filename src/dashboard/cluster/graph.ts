import type { TaskSpec } from '../../graph/task.js';
import { taskDependencies } from '../../graph/task.js';
import { idPrefix } from '../key_prefix.js';

/** What the graph view knows of a task's state (the scheduler's states, folded into four colours). */
export type GraphNodeState = 'waiting' | 'processing' | 'memory' | 'erred';

const STATES: readonly GraphNodeState[] = ['waiting', 'processing', 'memory', 'erred'];

/** The graph of the latest small submission, laid out in layers (a node's layer: its longest path from a root). */
export interface GraphView {
  /** Increases with every new graph (a page redraws from scratch when it changes). */
  readonly version: number;
  readonly nodes: {
    readonly key: string[];
    readonly prefix: string[];
    readonly layer: number[];
    /** Position within the layer, 0-based. */
    readonly position: number[];
    readonly state: GraphNodeState[];
  };
  /** Edges as [dependency index, dependent index]. */
  readonly edges: [number, number][];
  /** Tasks of the submission left out (graphs larger than the limit are not drawn). */
  readonly omitted: number;
}

/**
 * The graph page's model. A submission is recorded in O(1) (a reference to its task list); the O(n + edges) layout
 * runs on the dashboard's timer (`flush`), never on the scheduler's path, and only for graphs of at most `limit`
 * tasks. State changes are O(1): a map lookup and a change list that the next delta carries.
 */
export class GraphModel {
  private pending: readonly { readonly key: string; readonly spec: TaskSpec }[] | undefined;
  private view: GraphView | undefined;
  private index = new Map<string, number>();
  private changes: number[] = [];
  private version = 0;
  private changedGraph = false;
  private skipped = 0;

  constructor(readonly limit = 5000) {}

  /** A client submitted `tasks`; the latest submission of at most `limit` tasks replaces the drawn graph. */
  submitted(tasks: readonly { readonly key: string; readonly spec: TaskSpec }[]): void {
    if (tasks.length > this.limit) {
      this.skipped = tasks.length;
      return;
    }
    this.pending = tasks;
  }

  /** Task `key` moved to `state` (ignored when it is not drawn). O(1). */
  set(key: string, state: GraphNodeState): void {
    if (this.view === undefined && this.pending === undefined) return;
    if (this.pending !== undefined) this.build();
    const i = this.index.get(key);
    if (i === undefined) return;
    const view = this.view!;
    if (view.nodes.state[i] === state) return;
    view.nodes.state[i] = state;
    this.changes.push(i, STATES.indexOf(state));
  }

  /** The graph drawn now (undefined before the first small submission). */
  current(): GraphView | undefined {
    if (this.pending !== undefined) this.build();
    return this.view;
  }

  /** Tasks of the last submission too large to draw (0 when the last one was drawn). */
  get omitted(): number {
    return this.skipped;
  }

  /** For a delta: the whole graph when it is new, else the state changes as [node, state index] pairs. */
  take(): { graph?: GraphView; graphStates?: number[] } {
    if (this.pending !== undefined) this.build();
    if (this.changedGraph) {
      this.changedGraph = false;
      this.changes = [];
      return { graph: this.view };
    }
    if (this.changes.length === 0) return {};
    const graphStates = this.changes;
    this.changes = [];
    return { graphStates };
  }

  // The layout: layers by longest path from the roots (dependencies outside the submission are ignored), in the
  // submission's order, which is the graph order.
  private build(): void {
    const tasks = this.pending!;
    this.pending = undefined;
    this.skipped = 0;
    const index = new Map<string, number>();
    tasks.forEach((t, i) => {
      index.set(t.key, i);
    });
    const deps = tasks.map((t) =>
      taskDependencies(t.spec)
        .filter((d) => index.has(d))
        .map((d) => index.get(d)!),
    );
    // Kahn's order: a node's layer is one more than its deepest dependency's. Nodes left over (a cycle, which a
    // valid graph never has) go to layer 0 rather than being lost.
    const layer = new Array<number>(tasks.length).fill(0);
    const missing = deps.map((ds) => ds.length);
    const dependents: number[][] = tasks.map(() => []);
    deps.forEach((ds, i) => {
      for (const d of ds) dependents[d]!.push(i);
    });
    const queue: number[] = [];
    missing.forEach((m, i) => {
      if (m === 0) queue.push(i);
    });
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q]!;
      for (const j of dependents[i]!) {
        if (layer[i]! + 1 > layer[j]!) layer[j] = layer[i]! + 1;
        if (--missing[j]! === 0) queue.push(j);
      }
    }
    const counts: number[] = [];
    const position = layer.map((l) => {
      counts[l] = (counts[l] ?? 0) + 1;
      return counts[l]! - 1;
    });
    const edges: [number, number][] = [];
    deps.forEach((ds, i) => {
      for (const d of ds) edges.push([d, i]);
    });
    this.version++;
    this.index = index;
    this.view = {
      version: this.version,
      nodes: {
        key: tasks.map((t) => t.key),
        prefix: tasks.map((t) => idPrefix(t.key)),
        layer,
        position,
        state: tasks.map(() => 'waiting' as GraphNodeState),
      },
      edges,
      omitted: 0,
    };
    this.changes = [];
    this.changedGraph = true;
  }
}
