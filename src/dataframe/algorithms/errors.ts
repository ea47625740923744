// Errors of the DataFrame's partition algorithms (hashing, HyperLogLog, t-digest).

/** Why an algorithm refused its input. */
export type AlgorithmErrorCode = 'UNSUPPORTED_TYPE' | 'INVALID_ARGUMENT' | 'MALFORMED_COLUMN';

/** A column or parameter an algorithm cannot work with. */
export class AlgorithmError extends Error {
  readonly code: AlgorithmErrorCode;

  constructor(code: AlgorithmErrorCode, message: string) {
    super(message);
    this.name = 'AlgorithmError';
    this.code = code;
  }
}
