// Moving decoded Arrow columns between threads: apache-arrow's Data objects do not survive structured cloning
// (their DataType instances lose their classes), so a column travels as plain objects of typed arrays, and the
// receiving thread rebuilds it on the type it already knows. Buffers on SharedArrayBuffers cross without a copy.
import * as arrow from 'apache-arrow';

/** One arrow.Data as plain, cloneable values (buffers in apache-arrow's order: offsets, values, validity, type ids). */
export interface FlatData {
  readonly offset: number;
  readonly length: number;
  readonly nullCount: number;
  readonly buffers: ReadonlyArray<ArrayBufferView | undefined>;
  readonly children: readonly FlatData[];
  /** The dictionary's chunks, for Dictionary columns. */
  readonly dictionary: readonly FlatData[] | null;
}

/** Flattens `data` (and its children and dictionary) for postMessage. */
export function flattenData(data: arrow.Data): FlatData {
  return {
    offset: data.offset,
    length: data.length,
    nullCount: data.nullCount,
    buffers: [data.valueOffsets, data.values, data.nullBitmap, data.typeIds],
    children: (data.children ?? []).map(flattenData),
    dictionary: data.dictionary ? data.dictionary.data.map(flattenData) : null,
  };
}

/** Rebuilds a flattened column as `type` (the type the receiving thread selected: same shape as the sender's). */
export function rebuildData(type: arrow.DataType, flat: FlatData): arrow.Data {
  const childTypes = type.children ?? [];
  const children = flat.children.map((child, i) => rebuildData(childTypes[i]!.type, child));
  const dictionary = flat.dictionary
    ? new arrow.Vector(flat.dictionary.map((d) => rebuildData((type as arrow.Dictionary).dictionary, d)))
    : undefined;
  // biome-ignore lint/suspicious/noExplicitAny: Data's buffer tuple is typed per DataType; these come from a Data of this type.
  const buffers = flat.buffers as any;
  return new arrow.Data(type, flat.offset, flat.length, flat.nullCount, buffers, children, dictionary);
}
