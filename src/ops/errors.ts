/** Machine-readable reasons an op could not be named or resolved. */
export type OpErrorCode =
  | 'UNKNOWN_OP' // no built-in of that name, or the module has no such export
  | 'BAD_OP_REF' // a name that is neither a built-in nor `moduleURL#exportName`
  | 'NOT_REGISTERED' // a function without a stable name (a closure) where a task needs one
  | 'MODULE_LOAD'; // importing the op's module failed

/** Any failure to name or resolve an op. */
export class OpError extends Error {
  readonly code: OpErrorCode;
  /** The op name at fault. */
  readonly op: string;

  constructor(code: OpErrorCode, message: string, op: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OpError';
    this.code = code;
    this.op = op;
  }
}
