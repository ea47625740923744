/**
 * Messages to bytes and back: a msgpack header plus one raw binary frame per typed array.
 *
 * msgpackr encodes the message, except that every typed array inside it (the columns of a partition, scattered
 * arrays, uploaded module sources) is replaced in the header by a small extension record holding its frame index;
 * its bytes travel as a frame of their own, written straight from the array's memory (a SharedArrayBuffer for a
 * partition) without base64, JSON or a copy. On receipt each frame arrives in a new SharedArrayBuffer (see
 * framing.ts) and the typed array is rebuilt as a view on it, so a received partition can be handed to worker
 * threads without a copy either.
 *
 * msgpackr's extensions are process-wide, so the frames of the message being encoded or decoded are kept in
 * module-level slots set around the synchronous pack / unpack call.
 */
import { addExtension, Packr } from 'msgpackr';
import { CommError } from './errors.js';

type TypedArrayConstructor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Uint8ClampedArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

// Extension type codes 0x60.. (msgpackr reserves its own codes below 0x40 and above 0x70 for records/structures).
const TYPED_ARRAYS: readonly TypedArrayConstructor[] = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
];
const FIRST_TYPE = 0x60;

let encodingFrames: Uint8Array[] | null = null;
let decodingFrames: readonly Uint8Array[] | null = null;

for (let i = 0; i < TYPED_ARRAYS.length; i++) {
  const Ctor = TYPED_ARRAYS[i];
  addExtension({
    Class: Ctor,
    type: FIRST_TYPE + i,
    write(array: ArrayBufferView): number {
      if (encodingFrames === null) throw new Error('typed array packed outside encodeMessage');
      encodingFrames.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      // Frame 0 is the header, so data frames are numbered from 1.
      return encodingFrames.length;
    },
    read(index: unknown): ArrayBufferView {
      const frame = typeof index === 'number' ? decodingFrames?.[index] : undefined;
      if (frame === undefined) throw new CommError('MALFORMED', `message refers to a missing frame ${String(index)}`);
      if (frame.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) {
        throw new CommError('MALFORMED', `frame ${index} of ${frame.byteLength} bytes is not a ${Ctor.name}`);
      }
      return new Ctor(frame.buffer as ArrayBuffer, frame.byteOffset, frame.byteLength / Ctor.BYTES_PER_ELEMENT);
    },
  });
}

/** Objects of at most this many keys are packed as msgpackr records; larger ones (dictionaries) as maps. */
const RECORD_MAX_KEYS = 16;

// Records for small objects: msgpackr writes an object shape once per message and then only its values, and
// decodes each shape with one constructor. An update-graph of a million tasks (the same few shapes a million times)
// packs about 3x and decodes about 2x faster than as maps, and is a quarter smaller. No structures are shared
// between messages (no `structures` option): the shapes are defined inside each message, so every message is
// still self-describing, and no peer has state to keep in sync. Dictionaries (who-has, nbytes, the values of a
// get-data) stay maps: their key sets differ every time and would only add shape definitions.
// The BigInt extension keeps bigint scalars bigint (int64 sums, counts).
// variableMapSize: objects of more than 65,535 keys (who-has of a 100k-key graph) must encode too.
const packr = new Packr({
  useRecords: smallObject,
  // msgpack maps decode as plain objects (with a `useRecords` function msgpackr would otherwise make them Maps).
  mapsAsObjects: true,
  moreTypes: true,
  useBigIntExtension: true,
  variableMapSize: true,
});

function smallObject(object: object): boolean {
  let n = 0;
  for (const _ in object) if (++n > RECORD_MAX_KEYS) return false;
  return true;
}

/** A message as its frames: `[header, ...data frames]`. */
export type MessageFrames = Uint8Array[];

/** Encodes `value` as a msgpack header followed by the raw bytes of each typed array it contains. */
export function encodeMessage(value: unknown): MessageFrames {
  const frames: Uint8Array[] = [];
  encodingFrames = frames;
  let header: Uint8Array;
  try {
    header = packr.pack(value);
  } finally {
    encodingFrames = null;
  }
  // pack() may return a view on its reusable buffer: keep a copy of the (small) header only.
  return [Uint8Array.prototype.slice.call(header), ...frames];
}

/** Decodes what {@link encodeMessage} produced. Throws MALFORMED when the header does not decode. */
export function decodeMessage(frames: readonly Uint8Array[]): unknown {
  if (frames.length === 0) throw new CommError('MALFORMED', 'message without a header frame');
  decodingFrames = frames;
  try {
    return packr.unpack(frames[0]);
  } catch (err) {
    if (err instanceof CommError) throw err;
    throw new CommError('MALFORMED', `message header does not decode: ${(err as Error).message}`, undefined, {
      cause: err,
    });
  } finally {
    decodingFrames = null;
  }
}
