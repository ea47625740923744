// Decodes thrift compact-protocol structs (the encoding of every Parquet metadata structure) with the `thrift`
// package's TCompactProtocol over an in-memory transport, driven by declarative struct specs (structs.ts).
// Every length read from the wire is checked against the bytes that remain, so a corrupt size cannot make the
// reader allocate more than the input could hold.
import thrift from 'thrift';
import { ParquetError } from '../errors.js';

const { TCompactProtocol, TFramedTransport, Thrift } = thrift;
const TType = Thrift.Type;

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
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset + offset, bytes.byteLength - offset);
  const transport = new TFramedTransport(buffer) as Transport;
  const protocol = new TCompactProtocol(transport);
  try {
    const value = readStruct(protocol, spec, buffer.byteLength, transport) as T;
    return { value, length: transport.readPos };
  } catch (err) {
    if (err instanceof ParquetError) throw err;
    const reason = err instanceof Error ? err.message || err.name : String(err);
    const detail =
      /underrun/i.test(reason) || err?.constructor?.name === 'InputBufferUnderrunError' ? 'truncated' : reason;
    throw new ParquetError('BAD_METADATA', `cannot decode ${spec.struct}: ${detail}`, { offset }, { cause: err });
  }
}

type Protocol = InstanceType<typeof TCompactProtocol>;
type Transport = InstanceType<typeof TFramedTransport> & { readPos: number };

function remaining(transport: Transport, total: number): number {
  return total - transport.readPos;
}

function readStruct(p: Protocol, spec: StructSpec, total: number, t: Transport): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  p.readStructBegin();
  for (;;) {
    const field = p.readFieldBegin();
    if (field.ftype === TType.STOP) break;
    const entry = spec.fields[field.fid];
    if (entry && typeMatches(entry[1], field.ftype)) {
      out[entry[0]] = readValue(p, entry[1], total, t);
    } else {
      // Unknown or mistyped fields are skipped, as thrift readers do for forward compatibility.
      p.skip(field.ftype);
    }
    p.readFieldEnd();
  }
  p.readStructEnd();
  for (const name of spec.required ?? []) {
    if (out[name] === undefined)
      throw new ParquetError('BAD_METADATA', `${spec.struct}: required field ${name} missing`);
  }
  return out;
}

function readUnion(p: Protocol, spec: UnionSpec, total: number, t: Transport): Record<string, unknown> {
  let result: Record<string, unknown> | undefined;
  p.readStructBegin();
  for (;;) {
    const field = p.readFieldBegin();
    if (field.ftype === TType.STOP) break;
    const member = spec.members[field.fid];
    if (member && field.ftype === TType.STRUCT) {
      let inner: Record<string, unknown> = {};
      if (member[1]) inner = readStruct(p, member[1], total, t);
      else p.skip(field.ftype);
      result ??= { type: member[0], ...inner };
    } else {
      p.skip(field.ftype);
      result ??= { type: 'UNRECOGNIZED', fieldId: field.fid };
    }
    p.readFieldEnd();
  }
  p.readStructEnd();
  if (!result) throw new ParquetError('BAD_METADATA', `${spec.union}: empty union`);
  return result;
}

function typeMatches(kind: FieldKind, ttype: number): boolean {
  switch (kind) {
    case 'bool':
      return ttype === TType.BOOL;
    case 'i8':
      return ttype === TType.BYTE;
    case 'i16':
      return ttype === TType.I16;
    case 'i32':
      return ttype === TType.I32;
    case 'i64':
      return ttype === TType.I64;
    case 'double':
      return ttype === TType.DOUBLE;
    case 'string':
    case 'binary':
      return ttype === TType.STRING;
    default:
      if ('list' in kind) return ttype === TType.LIST || ttype === TType.SET;
      return ttype === TType.STRUCT;
  }
}

function readValue(p: Protocol, kind: FieldKind, total: number, t: Transport): unknown {
  switch (kind) {
    case 'bool':
      return p.readBool();
    case 'i8':
      return p.readByte();
    case 'i16':
      return p.readI16();
    case 'i32':
      return p.readI32();
    case 'i64': {
      const n = p.readI64().toNumber(false);
      if (!Number.isFinite(n)) throw new ParquetError('BAD_METADATA', 'i64 value beyond 2^53');
      return n;
    }
    case 'double':
      return p.readDouble();
    case 'string':
      return p.readString();
    case 'binary': {
      const b = p.readBinary() as Buffer;
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    }
    default:
      if ('list' in kind) {
        const { etype, size } = p.readListBegin();
        // Every element takes at least one byte on the wire (even a bool in a list).
        if (size > remaining(t, total)) {
          throw new ParquetError('BAD_METADATA', `list of ${size} elements in ${remaining(t, total)} bytes`);
        }
        const items: unknown[] = [];
        for (let i = 0; i < size; i++) {
          if (typeMatches(kind.list, etype)) items.push(readValue(p, kind.list, total, t));
          else p.skip(etype);
        }
        p.readListEnd();
        return items;
      }
      if ('union' in kind) return readUnion(p, kind, total, t);
      return readStruct(p, kind, total, t);
  }
}
