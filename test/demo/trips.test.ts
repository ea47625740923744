// The demo's generator: reproducible rows of the declared schema, nulls consistent with validity, pickups inside
// the month and in time order, values in their ranges.
import t from 'tap';
import { batchToRecords } from '../../src/columnar/values.js';
import { generateTrips, RIDERS, TRIP_FIELDS, ZONES, zoneRecords } from '../../src/demo/trips.js';

t.test('trips of a partition', async (t) => {
  const batch = generateTrips(3, 2000, 2, 7);
  t.equal(batch.numRows, 2000);
  t.same(
    batch.columns.map((c) => c.type),
    TRIP_FIELDS.map((f) => f.type),
    'columns have the declared types',
  );
  t.same(batchToRecords(generateTrips(3, 50, 2, 7)), batchToRecords(generateTrips(3, 50, 2, 7)), 'reproducible');
  t.notSame(
    batchToRecords(generateTrips(4, 50, 2, 7)),
    batchToRecords(generateTrips(3, 50, 2, 7)),
    'partitions differ',
  );
  const rows = batchToRecords(batch) as Record<string, unknown>[];
  t.equal(rows[0]!.trip_id, 6000n, 'trip ids continue across partitions');
  const start = BigInt(Date.UTC(2025, 1, 1)) * 1000n;
  const end = BigInt(Date.UTC(2025, 2, 1)) * 1000n;
  let previous = start;
  let nullPassengers = 0;
  let nullTips = 0;
  for (const r of rows) {
    const at = r.pickup_at as bigint;
    if (!(at >= previous && at < end)) t.fail(`pickup ${at} out of order or outside February`);
    previous = at;
    if (r.month !== 2) t.fail(`month ${r.month}`);
    const zone = r.pickup_zone as number;
    if (!(zone >= 1 && zone <= ZONES)) t.fail(`zone ${zone}`);
    const rider = Number(r.rider_id);
    if (!(rider >= 0 && rider < RIDERS)) t.fail(`rider ${rider}`);
    if (r.passengers === null) nullPassengers++;
    if (r.tip === null) {
      nullTips++;
      if (r.payment !== 'cash') t.fail('only cash trips have unknown tips');
    }
    if (!((r.fare as number) >= 3)) t.fail(`fare ${r.fare}`);
  }
  t.equal(batch.columns[7]!.nullCount, nullPassengers, 'passenger null count matches the validity bitmap');
  t.equal(batch.columns[10]!.nullCount, nullTips, 'tip null count matches the validity bitmap');
  t.ok(nullPassengers > 100 && nullPassengers < 320, `about a tenth of passenger counts unknown (${nullPassengers})`);
});

t.test('zone table', async (t) => {
  const zones = zoneRecords();
  t.equal(zones.length, ZONES);
  t.same(zones[0], { zone_id: 1, zone: 'Zone 001', borough: 'Manhattan' });
  t.equal(new Set(zones.map((z) => z.zone_id)).size, ZONES, 'ids are unique');
});
