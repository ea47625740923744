// Decodes thrift compact-protocol structs (the encoding of every Parquet metadata structure), driven by
// declarative struct specs (structs.ts). Wire format: Apache Thrift's doc/specs/thrift-compact-protocol.md.
// Our own decoder rather than the `thrift` package's TCompactProtocol: that one builds a node-int64 object (and a
// deprecated `new Buffer`) for every i64, which made footer, page header and page index decoding a third of a
// filtered read's time. Every length read from the wire is checked against the bytes that remain, so a corrupt
// size cannot make the reader allocate more than the input could hold; skipping nests at most MAX_DEPTH deep.
import { ParquetError } from '../errors.js';

/** How one field's value is decoded. */
export type FieldKind =
  | 'bool'
  | 'i8'
  | 'i16'
  | 'i32'
  | 'i64'
  | 'double'
  | 'string'
  | 'binary'
  | { list: FieldKind }
  | StructSpec
  | UnionSpec;

/** A thrift struct: field id -> [property name, kind]; `required` names fields that must be present. */
export interface StructSpec {
  readonly struct: string;
  readonly fields: Readonly<Record<number, readonly [string, FieldKind]>>;
  readonly required?: readonly string[];
}

/** A thrift union, decoded into `{ type: memberName, ...memberFields }`. */
export interface UnionSpec {
  readonly union: string;
  readonly members: Readonly<Record<number, readonly [string, StructSpec | null]>>;
}

/** The result of decoding one struct from a byte range. */
export interface Decoded<T> {
  value: T;
  /** Bytes consumed from the start offset. */
  length: number;
}

/** Decodes the struct `spec` from `bytes` starting at `offset`. Throws ParquetError('BAD_METADATA'). */
export function decodeStruct<T>(spec: StructSpec, bytes: Uint8Array, offset = 0): Decoded<T> {
  const reader = new CompactReader(bytes, offset);
  try {
    const value = readStruct(reader, spec, 0) as T;
    return { value, length: reader.pos - offset };
  } catch (err) {
    if (err instanceof ParquetError) throw err;
    const reason = err instanceof Error ? err.message || err.name : String(err);
    throw new ParquetError('BAD_METADATA', `cannot decode ${spec.struct}: ${reason}`, { offset }, { cause: err });
  }
}

/** Compact-protocol type codes (thrift-compact-protocol.md, "Struct encoding"). */
const CT = {
  STOP: 0,
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

const MAX_DEPTH = 64;

class Truncated extends Error {
  constructor() {
    super('truncated');
  }
}

/** A cursor over compact-protocol bytes. */
class CompactReader {
  pos: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    offset: number,
  ) {
    this.pos = offset;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  remaining(): number {
    return this.bytes.length - this.pos;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Truncated();
    return this.bytes[this.pos++] as number;
  }

  /** An unsigned varint of up to 32 bits, as a number. */
  varint32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
    }
    throw new ParquetError('BAD_METADATA', 'varint longer than 5 bytes');
  }

  zigzag32(): number {
    const n = this.varint32();
    return (n >>> 1) ^ -(n & 1);
  }

  /** A zigzag varint of up to 64 bits, as a number; beyond 2^53 is an error (no size or offset needs it). */
  zigzag64(): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else if (shift < 63) hi |= (b & 0x7f) << (shift - 32);
      else if (shift > 63) throw new ParquetError('BAD_METADATA', 'varint longer than 10 bytes');
      if (b < 0x80) break;
      shift += 7;
    }
    lo >>>= 0;
    hi >>>= 0;
    // Zigzag: value = (u >>> 1) ^ -(u & 1), on the 64-bit pair.
    const negative = lo & 1;
    const uLo = ((lo >>> 1) | (hi << 31)) >>> 0;
    const uHi = hi >>> 1;
    const magnitude = uHi * 2 ** 32 + uLo;
    if (uHi >= 2 ** 21) throw new ParquetError('BAD_METADATA', 'i64 value beyond 2^53');
    return negative ? -magnitude - 1 : magnitude;
  }

  double(): number {
    if (this.remaining() < 8) throw new Truncated();
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  binary(): Uint8Array {
    const length = this.varint32();
    if (length > this.remaining()) throw new Truncated();
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** A list or set header: element type and size. */
  listHeader(): { etype: number; size: number } {
    const header = this.byte();
    const short = header >>> 4;
    const size = short === 15 ? this.varint32() : short;
    // Every element takes at least one byte on the wire (even a bool in a list).
    if (size > this.remaining()) {
      throw new ParquetError('BAD_METADATA', `list of ${size} elements in ${this.remaining()} bytes`);
    }
    return { etype: header & 0x0f, size };
  }
}

const decoder = new TextDecoder();

/** Reads a field header; returns undefined at STOP. `last` is the previous field id of this struct. */
function fieldHeader(r: CompactReader, last: number): { fid: number; ftype: number } | undefined {
  const header = r.byte();
  const ftype = header & 0x0f;
  if (ftype === CT.STOP) return undefined;
  const delta = header >>> 4;
  const fid = delta === 0 ? r.zigzag32() : last + delta;
  return { fid, ftype };
}

function readStruct(r: CompactReader, spec: StructSpec, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw new ParquetError('BAD_METADATA', `structs nested deeper than ${MAX_DEPTH}`);
  const out: Record<string, unknown> = {};
  let last = 0;
  for (;;) {
    const field = fieldHeader(r, last);
    if (!field) break;
    last = field.fid;
    const entry = spec.fields[field.fid];
    if (entry && typeMatches(entry[1], field.ftype)) {
      out[entry[0]] = readValue(r, entry[1], field.ftype, depth);
    } else {
      // Unknown or mistyped fields are skipped, as thrift readers do for forward compatibility.
      skip(r, field.ftype, depth);
    }
  }
  for (const name of spec.required ?? []) {
    if (out[name] === undefined)
      throw new ParquetError('BAD_METADATA', `${spec.struct}: required field ${name} missing`);
  }
  return out;
}

function readUnion(r: CompactReader, spec: UnionSpec, depth: number): Record<string, unknown> {
  let result: Record<string, unknown> | undefined;
  let last = 0;
  for (;;) {
    const field = fieldHeader(r, last);
    if (!field) break;
    last = field.fid;
    const member = spec.members[field.fid];
    if (member && field.ftype === CT.STRUCT) {
      let inner: Record<string, unknown> = {};
      if (member[1]) inner = readStruct(r, member[1], depth + 1);
      else skip(r, field.ftype, depth);
      result ??= { type: member[0], ...inner };
    } else {
      skip(r, field.ftype, depth);
      result ??= { type: 'UNRECOGNIZED', fieldId: field.fid };
    }
  }
  if (!result) throw new ParquetError('BAD_METADATA', `${spec.union}: empty union`);
  return result;
}

function typeMatches(kind: FieldKind, ctype: number): boolean {
  switch (kind) {
    case 'bool':
      return ctype === CT.TRUE || ctype === CT.FALSE;
    case 'i8':
      return ctype === CT.BYTE;
    case 'i16':
      return ctype === CT.I16;
    case 'i32':
      return ctype === CT.I32;
    case 'i64':
      return ctype === CT.I64;
    case 'double':
      return ctype === CT.DOUBLE;
    case 'string':
    case 'binary':
      return ctype === CT.BINARY;
    default:
      if ('list' in kind) return ctype === CT.LIST || ctype === CT.SET;
      return ctype === CT.STRUCT;
  }
}

/** Reads a value of `kind` whose wire type is `ctype` (a field's, or a list's element type). */
function readValue(r: CompactReader, kind: FieldKind, ctype: number, depth: number, inList = false): unknown {
  switch (kind) {
    case 'bool':
      // A bool field carries its value in the type nibble; a bool list element is a byte (1 true, else false).
      return inList ? r.byte() === CT.TRUE : ctype === CT.TRUE;
    case 'i8':
      return (r.byte() << 24) >> 24;
    case 'i16':
    case 'i32':
      return r.zigzag32();
    case 'i64':
      return r.zigzag64();
    case 'double':
      return r.double();
    case 'string':
      return decoder.decode(r.binary());
    case 'binary':
      return r.binary();
    default:
      if ('list' in kind) {
        const { etype, size } = r.listHeader();
        const items: unknown[] = [];
        const matches = typeMatches(kind.list, etype === CT.FALSE ? CT.TRUE : etype);
        for (let i = 0; i < size; i++) {
          if (matches) items.push(readValue(r, kind.list, etype, depth + 1, true));
          else skip(r, etype, depth + 1, true);
        }
        return items;
      }
      if ('union' in kind) return readUnion(r, kind, depth + 1);
      return readStruct(r, kind, depth + 1);
  }
}

/** Skips a value of wire type `ctype`. */
function skip(r: CompactReader, ctype: number, depth: number, inList = false): void {
  if (depth > MAX_DEPTH) throw new ParquetError('BAD_METADATA', `values nested deeper than ${MAX_DEPTH}`);
  switch (ctype) {
    case CT.TRUE:
    case CT.FALSE:
      if (inList) r.byte();
      return;
    case CT.BYTE:
      r.byte();
      return;
    case CT.I16:
    case CT.I32:
      r.varint32();
      return;
    case CT.I64:
      skipVarint(r);
      return;
    case CT.DOUBLE:
      if (r.remaining() < 8) throw new Truncated();
      r.pos += 8;
      return;
    case CT.BINARY:
      r.binary();
      return;
    case CT.LIST:
    case CT.SET: {
      const { etype, size } = r.listHeader();
      for (let i = 0; i < size; i++) skip(r, etype, depth + 1, true);
      return;
    }
    case CT.MAP: {
      const size = r.varint32();
      if (size === 0) return;
      if (size * 2 > r.remaining()) throw new Truncated();
      const types = r.byte();
      for (let i = 0; i < size; i++) {
        skip(r, types >>> 4, depth + 1, true);
        skip(r, types & 0x0f, depth + 1, true);
      }
      return;
    }
    case CT.STRUCT: {
      let last = 0;
      for (;;) {
        const field = fieldHeader(r, last);
        if (!field) return;
        last = field.fid;
        skip(r, field.ftype, depth + 1);
      }
    }
    default:
      throw new ParquetError('BAD_METADATA', `unknown compact type ${ctype}`);
  }
}

function skipVarint(r: CompactReader): void {
  for (let i = 0; i < 10; i++) if (r.byte() < 0x80) return;
  throw new ParquetError('BAD_METADATA', 'varint longer than 10 bytes');
}
