// Entry-at-a-time reference of the Dremel kernels (assembly/dremel.ts), written from the definitions rather than
// the kernel's code: slots, validity and list offsets of one Arrow node from u8 levels.

/** Thresholds of one Arrow node (see levelsToSlots in src/kernels/abi.ts). */
export interface NodeLevels {
  slotDef: number;
  slotRep: number;
  validDef: number;
  /** 0 for a node that is not a list. */
  elemRep: number;
  elemDef: number;
}

/** What levelsToSlots computes: per-slot validity, list offsets, and the counts; `invalid` for a repeat of an
 *  empty list. */
export interface SlotsResult {
  invalid: boolean;
  validity: boolean[];
  offsets: number[];
  valid: number;
  elements: number;
}

/** levelsToSlots, one entry at a time. */
export function levelsToSlotsReference(rep: Uint8Array | undefined, def: Uint8Array, node: NodeLevels): SlotsResult {
  const validity: boolean[] = [];
  const offsets: number[] = [];
  let elements = 0;
  for (let i = 0; i < def.length; i++) {
    const r = rep ? rep[i]! : 0;
    const d = def[i]!;
    const startsSlot = r <= node.slotRep && d >= node.slotDef;
    if (startsSlot) {
      validity.push(d >= node.validDef);
      if (node.elemRep > 0) {
        offsets.push(elements);
        if (d >= node.elemDef) elements++;
      }
    } else if (node.elemRep > 0 && r > node.slotRep && r === node.elemRep) {
      if (d < node.elemDef) return { invalid: true, validity, offsets, valid: 0, elements };
      elements++;
    }
  }
  if (node.elemRep > 0) offsets.push(elements);
  return { invalid: false, validity, offsets, valid: validity.filter((v) => v).length, elements };
}

/** checkLevels: index of the first entry whose levels are out of range or inconsistent, or -1. */
export function firstBadLevel(
  rep: Uint8Array | undefined,
  def: Uint8Array,
  maxRep: number,
  maxDef: number,
  repDef: Uint8Array,
): number {
  for (let i = 0; i < def.length; i++) {
    const r = rep ? rep[i]! : 0;
    const d = def[i]!;
    if (d > maxDef || r > maxRep || (r > 0 && d < repDef[r]!)) return i;
  }
  return -1;
}
