export {
  type Filter,
  type FilterExpression,
  type FilterLeaf,
  type FilterOperator,
  type FilterTuple,
  type FilterValue,
  parseFilter,
} from './expression.js';
export { type FilteredReadOptions, filteredBatches, type PushdownOptions } from './filtered_read.js';
export type { ReadStats } from './read_stats.js';
