/** Machine-readable reasons a task graph is not valid. */
export type GraphErrorCode =
  | 'BAD_KEY' // a key that is neither a string nor a [name, index] pair
  | 'BAD_TASK' // a graph entry that is not a task spec ({ fn, args })
  | 'MISSING_KEY' // a reference (or a requested key) names a key the graph does not have
  | 'CYCLE' // the graph is not acyclic; the context names the keys on one cycle
  | 'UNKNOWN_FUNCTION'; // a task names a function no registry can resolve

/** Where in a graph an error was found. */
export interface GraphErrorContext {
  /** The key whose task is at fault (display form). */
  key?: string;
  /** The missing key a reference points to. */
  reference?: string;
  /** The keys on a cycle, first key repeated at the end. */
  cycle?: string[];
  /** The function name that could not be resolved. */
  fn?: string;
}

/** Any invalid task graph: a code, a message and the keys involved. */
export class GraphError extends Error {
  readonly code: GraphErrorCode;
  readonly context: GraphErrorContext;

  constructor(code: GraphErrorCode, message: string, context: GraphErrorContext = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GraphError';
    this.code = code;
    this.context = { ...context };
  }
}
