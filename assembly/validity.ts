// The Arrow validity bitmap test the row-wise kernels share: bit `row` of the bitmap at `validityPtr`, LSB first;
// a null pointer means every row is valid.

/** Whether `row` is valid (non-null). */
export function isValidRow(validityPtr: usize, row: usize): bool {
  return validityPtr === 0 || ((load<u8>(validityPtr + (row >> 3)) >> <u8>(row & 7)) & 1) !== 0;
}
