// Moving apache-arrow record batches between threads without copying their buffers: the Data tree is flattened to
// plain objects whose typed arrays are transferred (or shared, when they live in a SharedArrayBuffer); the schema
// travels as a tiny Arrow IPC stream, since DataType instances do not survive structured cloning.
import { Data, RecordBatch, Struct, Table, tableFromIPC, tableToIPC, Vector } from 'apache-arrow';

// apache-arrow's Data.buffers order (enum BufferType): OFFSET, DATA, VALIDITY, TYPE.
function flattenData(data) {
  return {
    offset: data.offset,
    length: data.length,
    nullCount: data.nullCount,
    buffers: [data.valueOffsets, data.values, data.nullBitmap, data.typeIds],
    variadicBuffers: data.variadicBuffers ?? [],
    children: (data.children ?? []).map(flattenData),
    dictionary: data.dictionary ? data.dictionary.data.map(flattenData) : null,
  };
}

function rebuildData(type, flat) {
  const childTypes = type.children ?? [];
  const children = flat.children.map((child, i) => rebuildData(childTypes[i].type, child));
  const dictionary = flat.dictionary
    ? new Vector(flat.dictionary.map((d) => rebuildData(type.dictionary, d)))
    : undefined;
  return new Data(
    type,
    flat.offset,
    flat.length,
    flat.nullCount,
    flat.buffers,
    children,
    dictionary,
    flat.variadicBuffers,
  );
}

/** Flattens a table for postMessage; returns the message and the ArrayBuffers that can be transferred. */
export function packTable(table) {
  const schemaIPC = tableToIPC(new Table(table.schema), 'stream');
  const batches = table.batches.map((batch) => flattenData(batch.data));
  const transfer = new Set();
  const collect = (flat) => {
    for (const buffer of [...flat.buffers, ...flat.variadicBuffers]) {
      if (buffer && !(buffer.buffer instanceof SharedArrayBuffer)) transfer.add(buffer.buffer);
    }
    for (const child of flat.children) collect(child);
    for (const d of flat.dictionary ?? []) collect(d);
  };
  for (const batch of batches) collect(batch);
  return { message: { schemaIPC, batches }, transfer: [...transfer] };
}

/** Rebuilds the tables packed by packTable (one per row group, in order) as one apache-arrow Table. */
export function unpackTables(packed) {
  if (packed.length === 0) throw new Error('no row groups');
  const schema = tableFromIPC(packed[0].schemaIPC).schema;
  const structType = new Struct(schema.fields);
  const batches = [];
  for (const { batches: flats } of packed) {
    for (const flat of flats) batches.push(new RecordBatch(schema, rebuildData(structType, flat)));
  }
  return new Table(schema, batches);
}
