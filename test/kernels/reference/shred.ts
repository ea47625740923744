// Plain TypeScript references for the shredding kernels (assembly/shred.ts).

function bitAt(bitmap: Uint8Array, bit: number): number {
  return (bitmap[bit >>> 3]! >>> (bit & 7)) & 1;
}

/** Reference of shredFlatOptional: definition levels 0/1 and the positions of valid slots. */
export function flatOptionalReference(
  validity: Uint8Array,
  bitOffset: number,
  count: number,
): { def: Uint8Array; positions: Int32Array } {
  const def = new Uint8Array(count);
  const positions: number[] = [];
  for (let i = 0; i < count; i++) {
    def[i] = bitAt(validity, bitOffset + i);
    if (def[i]) positions.push(i);
  }
  return { def, positions: Int32Array.from(positions) };
}

/** Reference of shredNullable; `validity` undefined means all valid. Returns the status and the new entries. */
export function nullableReference(
  def: Uint8Array,
  idx: Int32Array,
  validity: Uint8Array | undefined,
  bitOffset: number,
  increment: number,
): { status: number; def: Uint8Array; idx: Int32Array } {
  const outDef = def.slice();
  const outIdx = idx.slice();
  for (let i = 0; i < def.length; i++) {
    if (idx[i]! < 0) continue;
    const valid = validity ? bitAt(validity, bitOffset + idx[i]!) : 1;
    if (valid) outDef[i] = def[i]! + increment;
    else if (increment === 0) return { status: -(i + 1), def: outDef, idx: outIdx };
    else outIdx[i] = -1;
  }
  return { status: 0, def: outDef, idx: outIdx };
}

/** Reference of shredListLength + shredListExpand: the expanded entries, or undefined for bad offsets. */
export function listExpandReference(
  def: Uint8Array,
  rep: Uint8Array | undefined,
  idx: Int32Array,
  offsets: Int32Array,
  childLength: number,
  elemRep: number,
): { def: Uint8Array; rep: Uint8Array; idx: Int32Array } | undefined {
  const d: number[] = [];
  const r: number[] = [];
  const x: number[] = [];
  for (let i = 0; i < def.length; i++) {
    const rr = rep ? rep[i]! : 0;
    const p = idx[i]!;
    const start = p >= 0 ? offsets[p]! : 0;
    const end = p >= 0 ? offsets[p + 1]! : 0;
    if (p >= 0 && (start < 0 || end < start || end > childLength)) return undefined;
    if (end === start) {
      d.push(def[i]!);
      r.push(rr);
      x.push(-1);
      continue;
    }
    for (let k = start; k < end; k++) {
      d.push(def[i]! + 1);
      r.push(k === start ? rr : elemRep);
      x.push(k);
    }
  }
  return { def: Uint8Array.from(d), rep: Uint8Array.from(r), idx: Int32Array.from(x) };
}

/** Reference of compactFixed: the `width`-byte values of valid slots, back to back. */
export function compactFixedReference(
  values: Uint8Array,
  validity: Uint8Array,
  bitOffset: number,
  count: number,
  width: number,
): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < count; i++)
    if (bitAt(validity, bitOffset + i)) out.push(...values.subarray(i * width, (i + 1) * width));
  return Uint8Array.from(out);
}

/** Reference of compactBytes: offsets from 0 and bytes of the valid slots. */
export function compactBytesReference(
  offsets: Int32Array,
  data: Uint8Array,
  validity: Uint8Array,
  bitOffset: number,
): { offsets: Int32Array; data: Uint8Array } {
  const outOffsets = [0];
  const out: number[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) {
    if (!bitAt(validity, bitOffset + i)) continue;
    out.push(...data.subarray(offsets[i]!, offsets[i + 1]!));
    outOffsets.push(out.length);
  }
  return { offsets: Int32Array.from(outOffsets), data: Uint8Array.from(out) };
}
