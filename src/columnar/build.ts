// Building columns from JavaScript values (the inverse of values.ts), for fromRecords, literals and tests.
import { type AllocOptions, allocArray, allocBitmap, allocOffsets, allocShared } from './alloc.js';
import { fixedLayout, setBit } from './layout.js';
import type { Column, DataType } from './types.js';

const utf8 = new TextEncoder();
const UNIT_PER_MS: Record<string, number> = { s: 1 / 1000, ms: 1, us: 1000, ns: 1_000_000 };

/** The IEEE 754 half-precision bit pattern nearest to `value` (round to nearest even). */
export function numberToFloat16(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let out = mant >> shift;
    const rest = mant & ((1 << shift) - 1);
    if (rest > half || (rest === half && out & 1)) out++;
    return sign | out;
  }
  let out = mant >> 13;
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && out & 1)) {
    out++;
    if (out === 0x400) {
      out = 0;
      e++;
      if (e >= 31) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | out;
}

/** A storage number or bigint of a temporal value: Dates convert to the type's unit, numbers/bigints pass through. */
function temporal(type: DataType, v: unknown): number | bigint {
  if (!(v instanceof Date)) return v as number | bigint;
  const ms = v.getTime();
  if (type.kind === 'date32') return Math.floor(ms / 86_400_000);
  if (type.kind === 'date64') return ms;
  const unit = (type as { unit: string }).unit;
  return unit === 's' ? Math.floor(ms / 1000) : ms * UNIT_PER_MS[unit]!;
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined;
}

/** A column of `type` holding `values` (null/undefined are nulls). */
export function columnFromValues(type: DataType, values: readonly unknown[], options?: AllocOptions): Column {
  const length = values.length;
  if (type.kind === 'null') return { type, length, nullCount: length };
  const validity = allocBitmap(length, options);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (isMissing(v)) nullCount++;
    else setBit(validity, i);
  });
  const base = nullCount > 0 ? { type, length, nullCount, validity } : { type, length, nullCount };
  const present = (i: number) => !isMissing(values[i]);
  switch (type.kind) {
    case 'bool': {
      const bits = allocBitmap(length, options);
      values.forEach((v, i) => {
        if (v === true) setBit(bits, i);
      });
      return { ...base, values: bits };
    }
    case 'utf8':
    case 'large_utf8':
    case 'binary':
    case 'large_binary': {
      const parts = values.map((v) =>
        isMissing(v) ? new Uint8Array(0) : typeof v === 'string' ? utf8.encode(v) : (v as Uint8Array),
      );
      const offsets = allocOffsets(type, length, options);
      const data = allocArray(
        Uint8Array,
        parts.reduce((n, p) => n + p.length, 0),
        options,
      );
      let at = 0;
      parts.forEach((p, i) => {
        data.set(p, at);
        at += p.length;
        offsets[i + 1] = offsets instanceof BigInt64Array ? BigInt(at) : at;
      });
      return { ...base, offsets, data };
    }
    case 'list':
    case 'large_list':
    case 'map': {
      const offsets = allocOffsets(type, length, options);
      const items: unknown[] = [];
      values.forEach((v, i) => {
        if (present(i)) {
          const list = v instanceof Map ? [...v] : (v as unknown[]);
          for (const item of list) {
            items.push(type.kind === 'map' ? { key: (item as unknown[])[0], value: (item as unknown[])[1] } : item);
          }
        }
        offsets[i + 1] = offsets instanceof BigInt64Array ? BigInt(items.length) : items.length;
      });
      const childType = type.kind === 'map' ? type.entries.type : type.child.type;
      if (type.kind === 'map' && type.entries.type.kind === 'struct') {
        const [k, val] = type.entries.type.children;
        const entries = items as { key: unknown; value: unknown }[];
        const named = entries.map((e) => ({ [k!.name]: e.key, [val!.name]: e.value }));
        return { ...base, offsets, children: [columnFromValues(childType, named, options)] };
      }
      return { ...base, offsets, children: [columnFromValues(childType, items, options)] };
    }
    case 'fixed_size_list': {
      const items: unknown[] = [];
      values.forEach((v, i) => {
        for (let j = 0; j < type.listSize; j++) items.push(present(i) ? (v as unknown[])[j] : null);
      });
      return { ...base, children: [columnFromValues(type.child.type, items, options)] };
    }
    case 'struct':
      return {
        ...base,
        children: type.children.map((f) =>
          columnFromValues(
            f.type,
            values.map((v) => (isMissing(v) ? null : (v as Record<string, unknown>)[f.name])),
            options,
          ),
        ),
      };
    case 'dictionary': {
      const codes = new Map<unknown, number>();
      const unique: unknown[] = [];
      const indices = allocShared(type, length, options);
      values.forEach((v, i) => {
        if (isMissing(v)) return;
        let code = codes.get(v);
        if (code === undefined) {
          code = unique.length;
          codes.set(v, code);
          unique.push(v);
        }
        indices[i] = indices instanceof BigInt64Array || indices instanceof BigUint64Array ? BigInt(code) : code;
      });
      return { ...base, values: indices, dictionary: columnFromValues(type.value, unique, options) };
    }
    default:
      return { ...base, values: fixedValues(type, values, options) };
  }
}

function fixedValues(type: DataType, values: readonly unknown[], options?: AllocOptions) {
  const out = allocShared(type, values.length, options);
  const { stride } = fixedLayout(type)!;
  const big = out instanceof BigInt64Array || out instanceof BigUint64Array;
  values.forEach((v, i) => {
    if (isMissing(v)) return;
    if (type.kind === 'decimal') {
      let x = BigInt.asUintN(type.bitWidth, BigInt(v as bigint));
      for (let w = 0; w < stride; w++, x >>= 32n) out[i * stride + w] = Number(x & 0xffffffffn);
    } else if (stride > 1) {
      (out as Uint8Array).set(v as Uint8Array, i * stride);
    } else if (type.kind === 'float16') {
      out[i] = numberToFloat16(v as number);
    } else {
      const x = temporal(type, v);
      out[i] = big ? BigInt(x) : Number(x);
    }
  });
  return out;
}
