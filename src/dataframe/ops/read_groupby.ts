// Group-by partials fused with the Parquet read (issue 16 items 3 and 4): one task reads several readParquet
// partitions and reduces each to its partial right after decoding, in the thread that decoded it, combining them as
// it goes. No partition's table leaves that thread, and a dataset of many small files costs a task (scheduling,
// messages, a partial sent back) per group of files rather than per file.
//
// A sole key column that the files store dictionary-encoded is first tried by the fused read (fused_partial.ts):
// decoded and reduced per dictionary code in kernel memory, no per-row column or Arrow batch built. Otherwise
// a single key column is read with its dictionary kept (codes plus the chunk's dictionary, whatever its type), so
// that its values are never expanded one per row and the rows are grouped by their codes (dictionary_keys.ts).
import type { Field } from '../../columnar/types.js';
import { defineOp } from '../../ops/registry.js';
import type { AggItem } from '../algorithms/agg_spec.js';
import { codePartial } from '../algorithms/code_partial.js';
import { groupbyCombine } from '../algorithms/group_combine.js';
import { type GroupPartial, groupbyChunk } from '../algorithms/group_partial.js';
import { dictionaryField } from '../read_dictionary.js';
import { fusedMultiKeyPartial } from './fused_multi_key.js';
import { type FusedStates, fusedStates, fusedStatesPartial } from './fused_partial.js';
import { type ParquetPartitionSpec, readParquetPartition } from './read.js';

/** Key kinds a Parquet column chunk stores without conversion, so that the reader can keep its dictionary. */
const DICTIONARY_KEY_KINDS: ReadonlySet<string> = new Set(['int32', 'int64', 'float32', 'float64', 'utf8', 'binary']);

/** `spec` reading the sole key column `key` as a dictionary (`spec` itself when it does already), or undefined
 *  when that does not apply (a filtered read, a key that is aggregated too, a type the reader converts). */
function withDictionaryKey(
  spec: ParquetPartitionSpec,
  key: string,
  items: readonly AggItem[],
): ParquetPartitionSpec | undefined {
  // A key also aggregated as a value (sum of the key) is read as the frame has it.
  if (spec.filter || items.some((item) => item.column === key)) return undefined;
  if (spec.readDictionary?.includes(key)) return spec;
  const field = spec.dataFields.find((f) => f.name === key);
  if (!field || !DICTIONARY_KEY_KINDS.has(field.type.kind)) return undefined;
  const dataFields: Field[] = spec.dataFields.map((f) => (f === field ? dictionaryField(f) : f));
  return { ...spec, dataFields, readDictionary: [...(spec.readDictionary ?? []), key] };
}

/** One partition's partial by the general path (the fused read declined it): its sole key read as codes when the
 *  reader can keep that column's dictionary. */
async function partitionPartial(
  spec: ParquetPartitionSpec,
  keys: readonly string[],
  items: readonly AggItem[],
  dropna: boolean,
): Promise<GroupPartial> {
  const coded = keys.length === 1 ? withDictionaryKey(spec, keys[0]!, items) : undefined;
  if (coded) {
    let batch: Awaited<ReturnType<typeof readParquetPartition>> | undefined;
    try {
      batch = await readParquetPartition(coded);
    } catch {
      // A file whose column cannot be read as a dictionary (another physical type than the dataset's, a
      // conversion): read it plainly below, which reports a real read error with its context.
    }
    if (batch) return codePartial(batch, keys[0]!, items, dropna) ?? groupbyChunk(batch, keys, items, dropna);
  }
  return groupbyChunk(await readParquetPartition(spec), keys, items, dropna);
}

/** The partial of the partitions `specs` (in order: groups keep their order of first appearance). */
export const readGroupbyPartialOp = defineOp(
  import.meta.url,
  'readGroupbyPartialOp',
  async (
    specs: readonly ParquetPartitionSpec[],
    keys: readonly string[],
    items: readonly AggItem[],
    dropna = false,
  ): Promise<GroupPartial> => {
    // One combine of all the partitions' partials: combining as they come would re-merge the growing partial once
    // per partition (quadratic in its nunique pairs). Partitions the fused read reduces in kernel memory (nothing
    // per row built) become one partial per run of them; the others take the general path.
    const partials: GroupPartial[] = [];
    let fused: FusedStates[] = [];
    const flush = (): void => {
      if (fused.length > 0) partials.push(fusedStatesPartial(fused, items, dropna));
      fused = [];
    };
    for (const spec of specs) {
      const states = keys.length === 1 ? await fusedStates(spec, keys[0]!, items) : undefined;
      if (states) {
        fused.push(states);
        continue;
      }
      flush();
      const multi = keys.length > 1 ? await fusedMultiKeyPartial(spec, keys, items, dropna) : undefined;
      if (multi) {
        partials.push(multi);
        continue;
      }
      partials.push(await partitionPartial(spec, keys, items, dropna));
    }
    flush();
    if (partials.length === 0) throw new RangeError('readGroupbyPartialOp: no partitions');
    return partials.length === 1 ? partials[0]! : groupbyCombine(partials, keys, items);
  },
);
