// Dremel record assembly, one Arrow nesting level at a time (parquet-format README "Nested Encoding"; the Dremel
// paper, section 4). Levels are u8 (a schema is at most 100 deep, so levels stay below 128).
//
// An Arrow node (struct, list, map, leaf) has one slot per level entry that reaches it: an entry whose definition
// level is at least `slotDef` (the node's parent exists there) and whose repetition level is at most `slotRep`
// (it starts a new element of the nearest repeated ancestor, not a continuation inside this node). The slot is valid
// when the definition level reaches `validDef`. A list node also counts its elements: entries of definition level
// >= `elemDef` that are slots, or that repeat at exactly `elemRep` (a new element of this very list).

import { INVALID } from './status';

/** Levels to the slots of one Arrow node: validity bits from `bitOffset` at `validityPtr` (0: none written) and,
 *  for a list (`elemRep` > 0), slots + 1 i32 offsets at `offsetsPtr`. `repPtr` 0 means every repetition level is 0.
 *  Writes [valid slots, list elements] as two u32 at `countsPtr`. Returns the number of slots, or
 *  INVALID (-2) when an entry repeats this list where its definition level says the list is empty. */
export function levelsToSlots(
  repPtr: usize,
  defPtr: usize,
  count: u32,
  slotDef: u32,
  slotRep: u32,
  validDef: u32,
  elemDef: u32,
  elemRep: u32,
  validityPtr: usize,
  bitOffset: u32,
  offsetsPtr: usize,
  countsPtr: usize,
): i32 {
  let slots: u32 = 0;
  let valid: u32 = 0;
  let elements: u32 = 0;
  const isList = elemRep > 0;
  for (let i: u32 = 0; i < count; i++) {
    const def = <u32>load<u8>(defPtr + i);
    const rep: u32 = repPtr === 0 ? 0 : <u32>load<u8>(repPtr + i);
    if (rep <= slotRep) {
      if (def < slotDef) continue; // an ancestor is null or empty here: no slot
      if (validityPtr !== 0) {
        const bit = <usize>(bitOffset + slots);
        const byte = validityPtr + (bit >>> 3);
        const mask = <u8>(1 << (<u8>(bit & 7)));
        if (def >= validDef) store<u8>(byte, load<u8>(byte) | mask);
        else store<u8>(byte, load<u8>(byte) & ~mask);
      }
      valid += <u32>(def >= validDef);
      if (isList) {
        store<i32>(offsetsPtr + ((<usize>slots) << 2), <i32>elements);
        elements += <u32>(def >= elemDef);
      }
      slots++;
    } else if (isList && rep === elemRep) {
      if (def < elemDef) return INVALID;
      elements++;
    }
  }
  if (isList) store<i32>(offsetsPtr + ((<usize>slots) << 2), <i32>elements);
  store<u32>(countsPtr, valid);
  store<u32>(countsPtr, elements, 4);
  return <i32>slots;
}

/** Narrows `count` u32 levels to u8 (saturating at 255, which no valid level reaches). */
export function narrowLevels(inPtr: usize, count: u32, outPtr: usize): void {
  for (let i: u32 = 0; i < count; i++) {
    store<u8>(outPtr + i, <u8>min<u32>(load<u32>(inPtr + ((<usize>i) << 2)), 255));
  }
}

/** Checks each entry of a leaf's levels: definition <= maxDef, repetition <= maxRep, and a repetition level r > 0
 *  only where the repeated node of level r exists (definition >= the u8 at `repDefPtr` + r). Returns the index of
 *  the first bad entry as -(index + 1) - 16 (below every KernelStatus), or 0. */
export function checkLevels(repPtr: usize, defPtr: usize, count: u32, maxRep: u32, maxDef: u32, repDefPtr: usize): i32 {
  for (let i: u32 = 0; i < count; i++) {
    const def = <u32>load<u8>(defPtr + i);
    const rep: u32 = repPtr === 0 ? 0 : <u32>load<u8>(repPtr + i);
    if (def > maxDef || rep > maxRep || (rep > 0 && def < <u32>load<u8>(repDefPtr + rep))) {
      return -(<i32>i + 1) - 16;
    }
  }
  return 0;
}
