// The demo's data: taxi-like trips, generated per partition by a registered op (so the local pool, and later a
// cluster, generates partitions in parallel), and a small dimension table of pickup zones. Values come from a
// seeded generator: the same (partition, seed) always gives the same rows.
import { allocArray, allocBitmap, allocOffsets } from '../columnar/alloc.js';
import { setBit } from '../columnar/layout.js';
import type { Batch, Column, Field } from '../columnar/types.js';
import { defineOp } from '../ops/registry.js';

/** Number of pickup zones (NYC's taxi zones number 265). */
export const ZONES = 265;
/** Distinct riders the trips are spread over (what the approximate distinct count estimates). */
export const RIDERS = 2_000_000;
const BOROUGHS = ['Manhattan', 'Brooklyn', 'Queens', 'Bronx', 'Staten Island', 'EWR'];
const PAYMENTS = ['card', 'cash', 'app', 'voucher'];
const VENDORS = ['CMT', 'VTS', 'DDS'];
const YEAR = 2025;

/** The schema of a trips partition. */
export const TRIP_FIELDS: readonly Field[] = [
  { name: 'trip_id', type: { kind: 'int64' }, nullable: false },
  { name: 'pickup_at', type: { kind: 'timestamp', unit: 'us', timezone: 'UTC' }, nullable: false },
  { name: 'month', type: { kind: 'int32' }, nullable: false },
  { name: 'vendor', type: { kind: 'utf8' }, nullable: false },
  { name: 'pickup_zone', type: { kind: 'int32' }, nullable: false },
  { name: 'dropoff_zone', type: { kind: 'int32' }, nullable: false },
  { name: 'rider_id', type: { kind: 'int64' }, nullable: false },
  { name: 'passengers', type: { kind: 'int32' }, nullable: true },
  { name: 'distance_km', type: { kind: 'float64' }, nullable: false },
  { name: 'fare', type: { kind: 'float64' }, nullable: false },
  { name: 'tip', type: { kind: 'float64' }, nullable: true },
  { name: 'payment', type: { kind: 'utf8' }, nullable: false },
];

/** xoshiro128** on 32-bit words, seeded by splitmix32: fast and reproducible. */
function randomSource(seed: number): () => number {
  let x = seed >>> 0;
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = new Uint32Array([split(), split(), split(), split()]);
  const rotl = (v: number, k: number) => (v << k) | (v >>> (32 - k));
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result / 4294967296;
  };
}

/** A utf8 column of `codes` into `words`. */
function stringColumn(words: readonly string[], codes: Uint8Array): Column {
  const bytes = words.map((w) => new TextEncoder().encode(w));
  let total = 0;
  for (let i = 0; i < codes.length; i++) total += bytes[codes[i]!]!.length;
  const offsets = allocOffsets({ kind: 'utf8' }, codes.length) as Int32Array;
  const data = allocArray(Uint8Array, total);
  let at = 0;
  for (let i = 0; i < codes.length; i++) {
    const b = bytes[codes[i]!]!;
    data.set(b, at);
    at += b.length;
    offsets[i + 1] = at;
  }
  return { type: { kind: 'utf8' }, length: codes.length, nullCount: 0, offsets, data };
}

/** Zone popularity: a few busy zones (Manhattan, airports) and a long tail, like real pickups. */
function pickZone(u: number): number {
  return 1 + Math.min(ZONES - 1, Math.floor(ZONES * u ** 2.2));
}

/**
 * `rows` trips of `month` (1..12) for partition `part`: trip ids `part * rows + i`, pickups spread over the month,
 * fares from distance, a tenth of passenger counts and a third of tips (cash) unknown.
 */
export const generateTrips = defineOp(
  import.meta.url,
  'generateTrips',
  (part: number, rows: number, month: number, seed: number): Batch => {
    const rand = randomSource(seed * 1_000_003 + part);
    const tripId = allocArray(BigInt64Array, rows);
    const pickupAt = allocArray(BigInt64Array, rows);
    const monthCol = allocArray(Int32Array, rows);
    const vendor = new Uint8Array(rows);
    const pickup = allocArray(Int32Array, rows);
    const dropoff = allocArray(Int32Array, rows);
    const rider = allocArray(BigInt64Array, rows);
    const passengers = allocArray(Int32Array, rows);
    const passengersValid = allocBitmap(rows);
    const distance = allocArray(Float64Array, rows);
    const fare = allocArray(Float64Array, rows);
    const tip = allocArray(Float64Array, rows);
    const tipValid = allocBitmap(rows);
    const payment = new Uint8Array(rows);
    const monthStart = Date.UTC(YEAR, month - 1, 1);
    const monthMs = Date.UTC(YEAR, month, 1) - monthStart;
    let passengerNulls = 0;
    let tipNulls = 0;
    for (let i = 0; i < rows; i++) {
      tripId[i] = BigInt(part * rows + i);
      // Pickups in time order within the partition, as a meter log would be.
      const ms = monthStart + Math.floor(((i + rand()) / rows) * monthMs);
      pickupAt[i] = BigInt(ms) * 1000n;
      monthCol[i] = month;
      vendor[i] = rand() < 0.55 ? 1 : rand() < 0.9 ? 0 : 2;
      pickup[i] = pickZone(rand());
      dropoff[i] = pickZone(rand());
      // Riders: a skewed population (frequent riders take many trips).
      rider[i] = BigInt(Math.floor(RIDERS * rand() ** 1.5));
      if (rand() < 0.1) passengerNulls++;
      else {
        passengers[i] = 1 + Math.floor(rand() ** 3 * 6);
        setBit(passengersValid, i);
      }
      const km = 0.5 + -Math.log(1 - rand()) * 4.5;
      distance[i] = Math.round(km * 100) / 100;
      fare[i] = Math.round((3 + km * 1.75 + rand() * 2) * 100) / 100;
      const pay = rand() < 0.62 ? 0 : rand() < 0.75 ? 1 : rand() < 0.9 ? 2 : 3;
      payment[i] = pay;
      if (pay === 1) tipNulls++;
      else {
        tip[i] = Math.round(fare[i]! * (rand() < 0.2 ? 0 : 0.1 + rand() * 0.15) * 100) / 100;
        setBit(tipValid, i);
      }
    }
    const fixed = (values: Column['values'], kind: 'int32' | 'int64' | 'float64'): Column => ({
      type: { kind },
      length: rows,
      nullCount: 0,
      values,
    });
    return {
      fields: TRIP_FIELDS,
      numRows: rows,
      columns: [
        fixed(tripId, 'int64'),
        { type: TRIP_FIELDS[1]!.type, length: rows, nullCount: 0, values: pickupAt },
        fixed(monthCol, 'int32'),
        stringColumn(VENDORS, vendor),
        fixed(pickup, 'int32'),
        fixed(dropoff, 'int32'),
        fixed(rider, 'int64'),
        { ...fixed(passengers, 'int32'), nullCount: passengerNulls, validity: passengersValid },
        fixed(distance, 'float64'),
        fixed(fare, 'float64'),
        { ...fixed(tip, 'float64'), nullCount: tipNulls, validity: tipValid },
        stringColumn(PAYMENTS, payment),
      ],
    };
  },
);

/** The zone dimension table: id, name and borough of every pickup zone. */
export function zoneRecords(): { zone_id: number; zone: string; borough: string }[] {
  return Array.from({ length: ZONES }, (_, i) => ({
    zone_id: i + 1,
    zone: `Zone ${String(i + 1).padStart(3, '0')}`,
    // Busy low-numbered zones are Manhattan's, as in the real map.
    borough: i < 70 ? BOROUGHS[0]! : BOROUGHS[1 + ((i * 7) % (BOROUGHS.length - 1))]!,
  }));
}
