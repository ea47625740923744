// Negative results of validating kernels; the values of KernelStatus in src/kernels/abi.ts.

/** The input ended before everything asked for was decoded. */
export const TRUNCATED: i32 = -1;
/** A value is out of range: an index past the dictionary, a bit width too large, a malformed header. */
export const INVALID: i32 = -2;
/** The output would pass the capacity the caller reserved. */
export const OVERFLOW: i32 = -3;
