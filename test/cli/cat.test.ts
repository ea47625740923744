import { Writable } from 'node:stream';
import { Field, Int64, makeData, RecordBatch, Schema, Struct, Utf8 } from 'apache-arrow';
import t from 'tap';
import { BufferedOutput } from '../../src/cli/buffered_output.js';
import { catRows, type RowGroupSource } from '../../src/cli/cat.js';
import { CapturedStream } from './capture.js';

const schema = new Schema([new Field('id', new Int64(), false), new Field('tag', new Utf8(), true)]);

/** Row group g holds ids g*100 .. g*100+size-1 and tag "t<id>"; records which row groups were read. */
function fakeFile(
  sizes: number[],
): RowGroupSource & { reads: number[]; columnsAsked: (readonly string[] | undefined)[] } {
  const reads: number[] = [];
  const columnsAsked: (readonly string[] | undefined)[] = [];
  const select = (columns?: readonly string[]): Field[] =>
    columns ? schema.fields.filter((f) => columns.includes(f.name)) : schema.fields;
  return {
    reads,
    columnsAsked,
    rowGroups: sizes.map((numRows) => ({ numRows })),
    arrowSchema: (columns) => new Schema(select(columns)),
    async readRowGroup(index, { columns }) {
      reads.push(index);
      columnsAsked.push(columns);
      const size = sizes[index]!;
      const ids = BigInt64Array.from({ length: size }, (_, i) => BigInt(index * 100 + i));
      const tags = Array.from(ids, (id) => `t${id}`);
      const bytes = Buffer.from(tags.join(''));
      const offsets = new Int32Array(size + 1);
      tags.forEach((tag, i) => {
        offsets[i + 1] = offsets[i]! + tag.length;
      });
      const all = {
        id: makeData({ type: new Int64(), length: size, data: ids }),
        tag: makeData({ type: new Utf8(), length: size, valueOffsets: offsets, data: Uint8Array.from(bytes) }),
      };
      const fields = select(columns);
      const children = fields.map((f) => all[f.name as 'id' | 'tag']);
      return new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: size, children }));
    },
  };
}

async function cat(file: RowGroupSource, options: Parameters<typeof catRows>[1]): Promise<string> {
  const stream = new CapturedStream();
  await catRows(file, options, new BufferedOutput(stream, 16));
  return stream.text;
}

t.test('all rows of all row groups, in order, as ndjson', async (t) => {
  const file = fakeFile([2, 0, 1]);
  t.equal(await cat(file, { format: 'ndjson' }), '{"id":0,"tag":"t0"}\n{"id":1,"tag":"t1"}\n{"id":200,"tag":"t200"}\n');
  t.same(file.reads, [0, 2], 'the empty row group is not read');
});

t.test('--limit stops reading row groups once enough rows are printed', async (t) => {
  const file = fakeFile([3, 3, 3, 3]);
  t.equal(await cat(file, { format: 'csv', limit: 4 }), 'id,tag\n0,t0\n1,t1\n2,t2\n100,t100\n');
  t.same(file.reads, [0, 1]);
  const exact = fakeFile([3, 3, 3]);
  await cat(exact, { format: 'ndjson', limit: 3 });
  t.same(exact.reads, [0]);
  const none = fakeFile([3]);
  t.equal(await cat(none, { format: 'csv', limit: 0 }), 'id,tag\n', 'limit 0: the CSV header only');
  t.same(none.reads, []);
  t.equal(await cat(fakeFile([2]), { format: 'ndjson', limit: 10 }), '{"id":0,"tag":"t0"}\n{"id":1,"tag":"t1"}\n');
});

t.test('--columns is passed to the reader and selects the printed keys', async (t) => {
  const file = fakeFile([2]);
  t.equal(await cat(file, { format: 'ndjson', columns: ['tag'] }), '{"tag":"t0"}\n{"tag":"t1"}\n');
  t.same(file.columnsAsked, [['tag']]);
});

t.test('many rows: chunked writes keep every row exactly once', async (t) => {
  const file = fakeFile([2500, 2500]);
  const lines = (await cat(file, { format: 'ndjson', limit: 4000 })).trimEnd().split('\n');
  t.equal(lines.length, 4000);
  t.equal(lines[0], '{"id":0,"tag":"t0"}');
  t.equal(lines[2499], '{"id":2499,"tag":"t2499"}');
  t.equal(lines[2500], '{"id":100,"tag":"t100"}');
  t.equal(lines[3999], '{"id":1599,"tag":"t1599"}');
});

/** A slow reader: accepts one chunk at a time (highWaterMark 1) and asks for more only after a tick. */
class SlowStream extends Writable {
  chunks: string[] = [];
  constructor() {
    super({ highWaterMark: 1 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    setImmediate(callback);
  }
}

t.test('backpressure: waits for drain, loses nothing', async (t) => {
  const stream = new SlowStream();
  const output = new BufferedOutput(stream, 10);
  for (let i = 0; i < 100; i++) await output.write(`line ${i}\n`);
  await output.flush();
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(stream.chunks.join(''), Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(''));
  t.ok(stream.chunks.length > 10, 'written in several chunks');
});

/** A pipe whose reader has gone away after `accepted` writes (as `| head` does): later writes fail with EPIPE. */
class ClosedPipe extends Writable {
  writes = 0;
  constructor(private readonly accepted: number) {
    super();
  }
  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writes++;
    callback(this.writes <= this.accepted ? null : Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  }
}

t.test('EPIPE: output stops quietly and no further row group is read', async (t) => {
  const file = fakeFile([3000, 3000, 3000, 3000]);
  const pipe = new ClosedPipe(1);
  const output = new BufferedOutput(pipe, 1024);
  await catRows(file, { format: 'ndjson' }, output);
  t.ok(output.closed);
  t.ok(file.reads.length < 4, `read ${file.reads.length} of 4 row groups`);
  await output.write('more');
  await output.flush();
  t.pass('writes after EPIPE are ignored');
});

t.test('other stream errors are reported', async (t) => {
  const broken = new (class extends Writable {
    override _write(_c: Buffer, _e: BufferEncoding, callback: (error?: Error | null) => void): void {
      callback(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    }
  })();
  const output = new BufferedOutput(broken, 1);
  await t.rejects(output.write('x'), /disk full/);
  t.ok(output.closed);
  await t.rejects(output.flush(), /disk full/, 'and stays reported');
});
