// DataFrame.merge: the graph of a SQL join of two frames, by one of three plans (dask.dataframe's):
// - partition-wise, when both frames are sorted on their merge index with equal known divisions: partition i of
//   the result joins partition i of each side, no data moves;
// - broadcast, when one side has a single partition (or `broadcast: true`) and the join keeps no unmatched rows of
//   that side ('inner', 'left' with the right broadcast, 'right' with the left broadcast): the small side is
//   concatenated into one task and joined with every partition of the other, which keeps its partitioning;
// - hash shuffle otherwise: both sides are hash-partitioned on their keys into the same number of partitions
//   (xxhash64 hashes equal values equally across integer widths, so int32 keys meet int64 keys), then joined
//   partition-wise.
// The local join is algorithms/join.ts (hash join, null keys never match, pandas column naming).

import { literal, ref, type TaskSpec } from '../graph/task.js';
import { opName } from '../ops/registry.js';
import { checkOptions, optionNames } from '../options/check.js';
import { type JoinHow, joinFields } from './algorithms/join.js';
import { fromPartitions, partitionwiseOp } from './emit.js';
import type { DataFrame } from './frame.js';
import { makeLayer, mergeLayers, uniqueName } from './graph.js';
import { concatPartitions } from './ops/core.js';
import { joinPartitions } from './ops/merge.js';
import { hashShuffle } from './shuffle.js';

/** Options of {@link mergeFrames} (`left.merge(right, options)`). */
export interface MergeOptions {
  /** Key column(s) of the same name on both sides. */
  on?: string | readonly string[];
  /** Left key column(s), paired in order with `rightOn`. */
  leftOn?: string | readonly string[];
  /** Right key column(s). */
  rightOn?: string | readonly string[];
  /** Use the left frame's index column (`left.index`, the column its divisions describe) as the left key. */
  leftIndex?: boolean;
  /** Use the right frame's index column as the right key. */
  rightIndex?: boolean;
  /** SQL INNER (default), LEFT, RIGHT or FULL OUTER join. */
  how?: JoinHow;
  /** Appended to the names of non-key columns present on both sides (default `['_x', '_y']`, as pandas). */
  suffixes?: readonly [string, string];
  /** Broadcast the smaller side (in partitions) even when it has several partitions, if `how` allows it. */
  broadcast?: boolean;
  /** Partitions of a shuffle merge (default: the larger side's npartitions). */
  npartitions?: number;
}

function names(value: string | readonly string[] | undefined): string[] | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? [value] : [...value];
}

function indexColumn(df: DataFrame, side: string): string {
  if (df.index === undefined) {
    throw new RangeError(`merge: ${side}Index needs a ${side} frame with an index (setIndex or sorted divisions)`);
  }
  return df.index;
}

/** The key columns of each side, from `on` / `leftOn`+`rightOn` / `leftIndex`+`rightIndex` (mixable as pandas). */
export function mergeKeys(
  left: DataFrame,
  right: DataFrame,
  options: MergeOptions,
): { leftOn: string[]; rightOn: string[] } {
  const on = names(options.on);
  if (on && (options.leftOn || options.rightOn || options.leftIndex || options.rightIndex)) {
    throw new TypeError('merge: give either `on` or leftOn/rightOn/leftIndex/rightIndex');
  }
  let leftOn = on ?? names(options.leftOn);
  let rightOn = on ?? names(options.rightOn);
  if (options.leftIndex) {
    if (leftOn) throw new TypeError('merge: give leftOn or leftIndex, not both');
    leftOn = [indexColumn(left, 'left')];
  }
  if (options.rightIndex) {
    if (rightOn) throw new TypeError('merge: give rightOn or rightIndex, not both');
    rightOn = [indexColumn(right, 'right')];
  }
  if (!leftOn && !rightOn) {
    // pandas: the columns both frames have.
    const rightNames = new Set(right.columns);
    leftOn = left.columns.filter((c) => rightNames.has(c));
    rightOn = leftOn;
    if (leftOn.length === 0) throw new TypeError('merge: no key given and no column in common');
  }
  if (!leftOn || !rightOn) throw new TypeError('merge: give keys for both sides (leftOn and rightOn)');
  if (leftOn.length !== rightOn.length || leftOn.length === 0) {
    throw new TypeError(`merge: ${leftOn.length} left keys but ${rightOn.length} right keys`);
  }
  for (const c of leftOn) left.field(c);
  for (const c of rightOn) right.field(c);
  return { leftOn, rightOn };
}

function sameDivisions(left: DataFrame, right: DataFrame): boolean {
  if (!left.divisions || !right.divisions || left.npartitions !== right.npartitions) return false;
  const text = (d: unknown) => JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  return text(left.divisions) === text(right.divisions);
}

/**
 * The side to broadcast, if any: a side whose unmatched rows the join drops, with one partition (or any, when
 * forced); of two candidates, the one with fewer partitions (the right on a tie).
 */
function broadcastSide(left: DataFrame, right: DataFrame, how: JoinHow, force: boolean): 'left' | 'right' | undefined {
  const candidates: ['left' | 'right', number][] = [];
  if ((how === 'inner' || how === 'left') && (force || right.npartitions === 1)) {
    candidates.push(['right', right.npartitions]);
  }
  if ((how === 'inner' || how === 'right') && (force || left.npartitions === 1)) {
    candidates.push(['left', left.npartitions]);
  }
  return candidates.sort((x, y) => x[1] - y[1])[0]?.[0];
}

/**
 * The SQL join of `left` and `right` (see the file header for the plans; algorithms/join.ts for key matching,
 * column names and row order within a partition).
 */
const MERGE_OPTIONS = optionNames<MergeOptions>({
  on: true,
  leftOn: true,
  rightOn: true,
  leftIndex: true,
  rightIndex: true,
  how: true,
  suffixes: true,
  broadcast: true,
  npartitions: true,
});

export function mergeFrames(left: DataFrame, right: DataFrame, options: MergeOptions = {}): DataFrame {
  checkOptions(options, MERGE_OPTIONS, 'merge');
  const how = options.how ?? 'inner';
  if (!['inner', 'left', 'right', 'outer'].includes(how)) throw new TypeError(`merge: unknown how ${String(how)}`);
  const suffixes = options.suffixes ?? ['_x', '_y'];
  const { leftOn, rightOn } = mergeKeys(left, right, options);
  const fields = joinFields(left.fields, right.fields, leftOn, rightOn, how, suffixes);
  const joinArgs = [leftOn, rightOn, how, [...suffixes]];
  const keyKeptAs = leftOn.length === 1 && leftOn[0] === rightOn[0] ? leftOn[0] : undefined;

  if (
    left.index !== undefined &&
    leftOn.length === 1 &&
    leftOn[0] === left.index &&
    rightOn[0] === right.index &&
    sameDivisions(left, right)
  ) {
    // Equal keys lie in the same partition on both sides; the coalesced key column keeps the divisions.
    return partitionwiseOp([left, right], joinPartitions, joinArgs, fields, {
      name: 'merge',
      ...(keyKeptAs ? { divisions: left.divisions, index: keyKeptAs } : {}),
    });
  }

  if (left.npartitions === 0 || right.npartitions === 0) {
    // A side without partitions is an empty table: broadcast it as one empty task.
    const side = broadcastSide(left, right, how, true) ?? (left.npartitions === 0 ? 'left' : 'right');
    return broadcastMerge(left, right, side, joinArgs, fields);
  }
  const side = broadcastSide(left, right, how, options.broadcast === true);
  if (side) return broadcastMerge(left, right, side, joinArgs, fields);

  const n = Math.max(1, Math.floor(options.npartitions ?? Math.max(left.npartitions, right.npartitions)));
  const leftShuffled = hashShuffle(left, leftOn, { npartitions: n });
  const rightShuffled = hashShuffle(right, rightOn, { npartitions: n });
  return partitionwiseOp([leftShuffled, rightShuffled], joinPartitions, joinArgs, fields, { name: 'merge' });
}

/** Every partition of the big side joined with all of the small side (concatenated once, in one task). */
function broadcastMerge(
  left: DataFrame,
  right: DataFrame,
  small: 'left' | 'right',
  joinArgs: unknown[],
  fields: ReturnType<typeof joinFields>,
): DataFrame {
  const smallFrame = small === 'left' ? left : right;
  const bigFrame = small === 'left' ? right : left;
  const concatName = uniqueName('merge-broadcast');
  const concatSpec: TaskSpec = {
    fn: opName(concatPartitions),
    args: [literal(smallFrame.fields), smallFrame.keys().map((k) => ref(k))],
  };
  const smallAll = mergeLayers([smallFrame.layers], { [concatName]: makeLayer([[concatName, concatSpec]]) });
  const fn = opName(joinPartitions);
  const bigKeys = bigFrame.npartitions === 0 ? [] : bigFrame.keys();
  const specs: TaskSpec[] = bigKeys.map((k) => ({
    fn,
    args: small === 'left' ? [ref(concatName), ref(k), ...joinArgs] : [ref(k), ref(concatName), ...joinArgs],
  }));
  return fromPartitions(specs, fields, { name: 'merge', parents: [{ layers: smallAll }, bigFrame] });
}
