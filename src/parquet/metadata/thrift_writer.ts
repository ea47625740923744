// Encodes thrift compact-protocol structs from the same declarative specs the reader decodes with (structs.ts), so
// the writer and the reader cannot disagree on field ids or types. Wire format: Apache Thrift's
// doc/specs/thrift-compact-protocol.md (field headers with id deltas, zigzag varints, little-endian doubles).
import { ParquetError } from '../errors.js';
import type { FieldKind, StructSpec, UnionSpec } from './thrift_reader.js';

/** Compact-protocol type codes (thrift-compact-protocol.md, "Struct encoding"). */
enum CompactType {
  Stop = 0,
  BoolTrue = 1,
  BoolFalse = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Struct = 12,
}

/** Encodes `value` as the struct `spec` (property names as in types.ts; undefined properties are left out). */
export function encodeStruct(spec: StructSpec, value: object): Uint8Array {
  const out = new ByteWriter();
  writeStruct(out, spec, value as Record<string, unknown>);
  return out.finish();
}

class ByteWriter {
  private bytes = new Uint8Array(256);
  private length = 0;

  byte(b: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = b & 0xff;
  }

  raw(data: Uint8Array): void {
    for (const b of data) this.byte(b);
  }

  varint(n: bigint): void {
    let v = BigInt.asUintN(64, n);
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  zigzag(n: bigint): void {
    this.varint((n << 1n) ^ (n >> 63n));
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function writeStruct(out: ByteWriter, spec: StructSpec, value: Record<string, unknown>): void {
  let lastId = 0;
  const ids = Object.keys(spec.fields)
    .map(Number)
    .sort((a, b) => a - b);
  for (const id of ids) {
    const [name, kind] = spec.fields[id]!;
    const field = value[name];
    if (field === undefined || field === null) {
      if (spec.required?.includes(name)) {
        throw new ParquetError('BAD_METADATA', `${spec.struct}: required field ${name} missing`);
      }
      continue;
    }
    lastId = writeFieldHeader(out, id, lastId, typeOf(kind, field));
    writeValue(out, kind, field, `${spec.struct}.${name}`);
  }
  out.byte(CompactType.Stop);
}

function writeUnion(out: ByteWriter, spec: UnionSpec, value: unknown, where: string): void {
  // The reader turns unions into { type, ...fields }; TIME/TIMESTAMP units are normalised to bare strings.
  const object = (typeof value === 'string' ? { type: value } : value) as Record<string, unknown>;
  let id: number | undefined;
  let member: StructSpec | null = null;
  if (object.type === 'UNRECOGNIZED' && typeof object.fieldId === 'number') id = object.fieldId;
  for (const [key, [name, memberSpec]] of Object.entries(spec.members)) {
    if (name === object.type) {
      id = Number(key);
      member = memberSpec;
    }
  }
  if (id === undefined)
    throw new ParquetError('BAD_METADATA', `${where}: ${String(object.type)} is not a ${spec.union}`);
  writeFieldHeader(out, id, 0, CompactType.Struct);
  if (member) writeStruct(out, member, object);
  else out.byte(CompactType.Stop);
  out.byte(CompactType.Stop);
}

function writeFieldHeader(out: ByteWriter, id: number, lastId: number, type: CompactType): number {
  const delta = id - lastId;
  if (delta > 0 && delta <= 15) out.byte((delta << 4) | type);
  else {
    out.byte(type);
    out.zigzag(BigInt(id));
  }
  return id;
}

function typeOf(kind: FieldKind, value: unknown): CompactType {
  switch (kind) {
    case 'bool':
      return value ? CompactType.BoolTrue : CompactType.BoolFalse;
    case 'i8':
      return CompactType.Byte;
    case 'i16':
      return CompactType.I16;
    case 'i32':
      return CompactType.I32;
    case 'i64':
      return CompactType.I64;
    case 'double':
      return CompactType.Double;
    case 'string':
    case 'binary':
      return CompactType.Binary;
    default:
      return 'list' in kind ? CompactType.List : CompactType.Struct;
  }
}

function writeValue(out: ByteWriter, kind: FieldKind, value: unknown, where: string): void {
  switch (kind) {
    case 'bool':
      return; // carried by the field header's type
    case 'i8':
      out.byte(Number(value));
      return;
    case 'i16':
    case 'i32':
    case 'i64':
      out.zigzag(integer(value, where));
      return;
    case 'double': {
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setFloat64(0, Number(value), true);
      out.raw(bytes);
      return;
    }
    case 'string':
    case 'binary': {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : (value as Uint8Array);
      out.varint(BigInt(bytes.length));
      out.raw(bytes);
      return;
    }
    default:
      if ('list' in kind) {
        const items = value as readonly unknown[];
        const elementType = kind.list === 'bool' ? CompactType.BoolTrue : typeOf(kind.list, undefined);
        if (items.length < 15) out.byte((items.length << 4) | elementType);
        else {
          out.byte(0xf0 | elementType);
          out.varint(BigInt(items.length));
        }
        for (const item of items) {
          if (kind.list === 'bool') out.byte(item ? CompactType.BoolTrue : CompactType.BoolFalse);
          else writeValue(out, kind.list, item, where);
        }
        return;
      }
      if ('union' in kind) writeUnion(out, kind, value, where);
      else writeStruct(out, kind, value as Record<string, unknown>);
  }
}

function integer(value: unknown, where: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new ParquetError('BAD_METADATA', `${where}: ${String(value)} is not an integer`);
}
