// Ops: the functions tasks call, by stable name, resolved the same way in every thread and process.
export { BUILTIN_OPS, isBuiltinOp } from './builtins.js';
export { OpError, type OpErrorCode } from './errors.js';
export { localOpName, type OpLocations, portableOpName } from './portable.js';
export {
  checkOpName,
  defineOp,
  loadOp,
  loadOps,
  type NamedOp,
  OP_NAME,
  type OpFunction,
  opName,
  resolveOpNow,
} from './registry.js';
