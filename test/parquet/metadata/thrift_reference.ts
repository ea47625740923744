// The `thrift` package (Apache Thrift's own Node library) as the reference decoder of Parquet metadata: a generic
// walk with its TCompactProtocol gives every struct as `{ fieldId: { type, value } }`, projected through our
// struct specs (names, unions, the fields we know) so that it compares with our spec-driven decoder's output.
import { createRequire } from 'node:module';
import type { FieldKind, StructSpec, UnionSpec } from '../../../src/parquet/metadata/thrift_reader.js';

const require = createRequire(import.meta.url);
const thrift = require('thrift') as {
  TCompactProtocol: new (transport: unknown) => Protocol;
  TBufferedTransport: new () => Transport;
  Thrift: { Type: Record<string, number> };
};
const T = thrift.Thrift.Type as Record<string, number>;

interface Transport {
  inBuf: Buffer;
  readCursor: number;
  writeCursor: number;
}
interface Protocol {
  readStructBegin(): void;
  readStructEnd(): void;
  readFieldBegin(): { ftype: number; fid: number };
  readFieldEnd(): void;
  readListBegin(): { etype: number; size: number };
  readListEnd(): void;
  readMapBegin(): { ktype: number; vtype: number; size: number };
  readMapEnd(): void;
  readBool(): boolean;
  readByte(): number;
  readI16(): number;
  readI32(): number;
  readI64(): { buffer: Buffer; offset: number };
  readDouble(): number;
  readBinary(): Buffer;
}

/** A field as the reference read it: its thrift type and value. */
export interface RefField {
  type: number;
  value: RefValue;
}
/** A reference value: structs as id-keyed fields, lists as arrays, binary as Buffer, i64 as bigint. */
export type RefValue = boolean | number | bigint | Buffer | RefValue[] | { [id: number]: RefField };

function readValue(p: Protocol, type: number): RefValue {
  switch (type) {
    case T.BOOL:
      return p.readBool();
    case T.BYTE:
      return p.readByte();
    case T.I16:
      return p.readI16();
    case T.I32:
      return p.readI32();
    case T.I64: {
      const v = p.readI64();
      return v.buffer.readBigInt64BE(v.offset);
    }
    case T.DOUBLE:
      return p.readDouble();
    case T.STRING:
      return p.readBinary();
    case T.STRUCT:
      return readStruct(p);
    case T.LIST:
    case T.SET: {
      const { etype, size } = p.readListBegin();
      const out: RefValue[] = [];
      // thrift 0.24's readBool outside a field compares `readByte().value` (undefined: a number has no `value`)
      // and so reads every bool list element as false; the compact protocol spec encodes it as a byte, 1 = true.
      for (let i = 0; i < size; i++) out.push(etype === T.BOOL ? p.readByte() === 1 : readValue(p, etype));
      p.readListEnd();
      // The element type, so that the projection drops elements of another type as our decoder does.
      Object.defineProperty(out, 'etype', { value: etype, enumerable: false });
      return out;
    }
    default:
      throw new Error(`reference: thrift type ${type} not expected in Parquet metadata`);
  }
}

function readStruct(p: Protocol): { [id: number]: RefField } {
  const out: { [id: number]: RefField } = {};
  p.readStructBegin();
  for (;;) {
    const { ftype, fid } = p.readFieldBegin();
    if (ftype === T.STOP) break;
    out[fid] = { type: ftype, value: readValue(p, ftype) };
    p.readFieldEnd();
  }
  p.readStructEnd();
  return out;
}

/** One struct decoded by the thrift package from `bytes` at `offset`: its fields and the bytes it took. */
export function referenceStruct(bytes: Uint8Array, offset = 0): { fields: { [id: number]: RefField }; length: number } {
  const transport = new thrift.TBufferedTransport();
  transport.inBuf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  transport.readCursor = offset;
  transport.writeCursor = bytes.byteLength;
  const fields = readStruct(new thrift.TCompactProtocol(transport));
  return { fields, length: transport.readCursor - offset };
}

function typeMatches(kind: FieldKind, type: number): boolean {
  if (kind === 'bool') return type === T.BOOL;
  if (kind === 'i8') return type === T.BYTE;
  if (kind === 'i16') return type === T.I16;
  if (kind === 'i32') return type === T.I32;
  if (kind === 'i64') return type === T.I64;
  if (kind === 'double') return type === T.DOUBLE;
  if (kind === 'string' || kind === 'binary') return type === T.STRING;
  if ('list' in kind) return type === T.LIST || type === T.SET;
  return type === T.STRUCT;
}

/** Normalised for comparison: integers as numbers (bigints beyond 2^53 stay bigints), bytes as hex text. */
export function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (value instanceof Uint8Array)
    return `0x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = normalise(v);
    return out;
  }
  return value;
}

function project(kind: FieldKind, value: RefValue): unknown {
  if (kind === 'string') return (value as Buffer).toString('utf8');
  if (typeof kind === 'string') return value;
  if ('list' in kind) {
    const inner = kind.list;
    const items = value as RefValue[] & { etype?: number };
    if (items.etype !== undefined && !typeMatches(inner, items.etype)) return [];
    return items.map((v) => project(inner, v));
  }
  if ('union' in kind) return projectUnion(kind, value as { [id: number]: RefField });
  return projectStruct(kind, value as { [id: number]: RefField });
}

function projectUnion(spec: UnionSpec, fields: { [id: number]: RefField }): unknown {
  // The first member set wins; a member this reader does not know is kept as UNRECOGNIZED with its field id (a
  // logical type from a newer format version: the column then reads as its physical type).
  for (const [id, field] of Object.entries(fields)) {
    const member = spec.members[Number(id)];
    if (!member || field.type !== T.STRUCT) return { type: 'UNRECOGNIZED', fieldId: Number(id) };
    const [name, struct] = member;
    return struct
      ? { type: name, ...(projectStruct(struct, field.value as { [id: number]: RefField }) as object) }
      : { type: name };
  }
  return undefined;
}

/** The reference fields of a struct with our spec's names: unknown ids and mismatched wire types left out, as
 *  our decoder skips them. */
export function projectStruct(spec: StructSpec, fields: { [id: number]: RefField }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, field] of Object.entries(fields)) {
    const known = spec.fields[Number(id)];
    if (!known || !typeMatches(known[1], field.type)) continue;
    out[known[0]] = project(known[1], field.value);
  }
  return out;
}
