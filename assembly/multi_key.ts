// The combined slot of several dictionary-encoded group-by keys (fused partial aggregation, issue 16 item 3): each
// key's slot per row (its code, or its dictionary size for a null key) folded into one number per row,
// slot1 * card2 + slot2 (then * card3 + slot3), so that a row group's distinct key tuples are dense slots.

/** acc[i] = (init ? 0 : acc[i] * card) + slots[i] for `count` i32 rows. The caller keeps the product of the cards
 *  small (the slots index per-slot arrays), so that no result leaves the i32 range. */
export function combineSlots(accPtr: usize, slotsPtr: usize, count: i32, card: i32, init: bool): void {
  if (init) {
    memory.copy(accPtr, slotsPtr, (<usize>count) << 2);
    return;
  }
  for (let i: usize = 0; i < <usize>count; i++) {
    const p = accPtr + (i << 2);
    store<i32>(p, load<i32>(p) * card + load<i32>(slotsPtr + (i << 2)));
  }
}
