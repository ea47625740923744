// Task graphs: keys, task specs, validation, optimisations (cull, fuse, order) and export.

// Ops are what tasks call: defineOp is here too so that `tessera/graph` alone builds runnable graphs.
export { defineOp, type NamedOp, type OpFunction, opName } from '../ops/registry.js';
export { cull, cullIndexed, outputIndexes } from './cull.js';
export { GraphError, type GraphErrorCode, type GraphErrorContext } from './errors.js';
export { type FuseOptions, fuse, fuseIndexed } from './fuse.js';
export { type GraphInput, TaskGraph } from './graph.js';
export { type IndexedGraph, indexGraph, subgraph, topologicalOrder } from './indexed.js';
export { formatKey, isKey, type Key, keyFromId, keyId } from './keys.js';
export { order, orderIndexed } from './order.js';
export {
  forEachFunction,
  forEachReference,
  type InlineTaskArg,
  isPlainObject,
  isTaskSpec,
  type LiteralArg,
  literal,
  type RefArg,
  ref,
  renameSpecFunctions,
  type TaskArg,
  type TaskSpec,
  task,
  taskDependencies,
} from './task.js';
export { type ValidatedGraph, type ValidateOptions, validateGraph } from './validate.js';
export { type DotOptions, type GraphJSON, graphFromJSON, graphToJSON, toDot } from './visualize.js';
