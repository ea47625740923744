// Value encoders of the writer (Encodings.md), one file per encoding, and the dispatcher the page writer calls for
// the non-dictionary encodings. Levels and dictionary indices use the RLE hybrid functions directly.
import { ParquetError } from '../../errors.js';
import { Encoding, enumName } from '../../metadata/enums.js';
import type { PhysicalValues } from '../leaf_data.js';
import { encodeByteStreamSplit } from './byte_stream_split.js';
import { encodeDeltaBinaryPacked } from './delta_binary_packed.js';
import { encodeDeltaByteArray } from './delta_byte_array.js';
import { encodeDeltaLengthByteArray } from './delta_length_byte_array.js';
import { encodePlain } from './plain.js';
import { encodeRleBooleans } from './rle_hybrid.js';

export { encodeByteStreamSplit } from './byte_stream_split.js';
export { deltaBinaryPackedBound, encodeDeltaBinaryPacked } from './delta_binary_packed.js';
export { encodeDeltaByteArray } from './delta_byte_array.js';
export { encodeDeltaLengthByteArray } from './delta_length_byte_array.js';
export { encodePlain } from './plain.js';
export {
  dictionaryIndexBitWidth,
  encodeDictionaryIndices,
  encodeRleBooleans,
  encodeRleHybrid,
  encodeRleHybridWithLength,
  rleHybridBound,
} from './rle_hybrid.js';

/**
 * Encodes the values section of a data page with `encoding` (parquet.thrift `Encoding`): PLAIN, RLE (booleans,
 * with their length prefix), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY or BYTE_STREAM_SPLIT.
 * Throws ParquetError('UNSUPPORTED') for an encoding that does not apply to the values' type, and for the
 * dictionary encodings (written by the dictionary path, not here).
 */
export function encodeValues(values: PhysicalValues, encoding: number): Uint8Array {
  switch (encoding) {
    case Encoding.PLAIN:
      return encodePlain(values);
    case Encoding.RLE:
      if (values.kind === 'boolean') return encodeRleBooleans(values.data);
      break;
    case Encoding.DELTA_BINARY_PACKED:
      if (values.kind === 'int32' || values.kind === 'int64') return encodeDeltaBinaryPacked(values.data);
      break;
    case Encoding.DELTA_LENGTH_BYTE_ARRAY:
      if (values.kind === 'byte_array') return encodeDeltaLengthByteArray(values);
      break;
    case Encoding.DELTA_BYTE_ARRAY:
      if (values.kind === 'byte_array' || values.kind === 'fixed_len_byte_array') return encodeDeltaByteArray(values);
      break;
    case Encoding.BYTE_STREAM_SPLIT:
      if (values.kind !== 'boolean' && values.kind !== 'byte_array' && values.kind !== 'int96') {
        return encodeByteStreamSplit(values);
      }
      break;
  }
  throw new ParquetError(
    'UNSUPPORTED',
    `encoding ${enumName(Encoding, encoding)} cannot be written for ${values.kind} values`,
  );
}
