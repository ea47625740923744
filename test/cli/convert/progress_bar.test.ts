import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import type { ConversionProgress } from '../../../src/cli/convert/batch_source.js';
import { startProgressBar } from '../../../src/cli/convert/progress_bar.js';
import { CapturedStream } from '../capture.js';

function terminal(): CapturedStream & { isTTY: boolean; columns: number } {
  return Object.assign(new CapturedStream(), { isTTY: true, columns: 100 });
}

t.test('nothing is drawn on a stream that is not a terminal', async (t) => {
  const stream = new CapturedStream();
  const display = startProgressBar(stream, () => ({ done: 1, total: 2, unit: 'rows' }), 0);
  await sleep(20);
  display.stop();
  t.equal(stream.text, '');
});

t.test('nothing is drawn when the conversion ends before the delay', async (t) => {
  const stream = terminal();
  startProgressBar(stream, () => ({ done: 1, total: 2, unit: 'rows' }), 60_000).stop();
  t.equal(stream.text, '');
});

t.test('on a terminal, after the delay: the bar with the amount done of the total', async (t) => {
  const stream = terminal();
  let progress: ConversionProgress = { done: 512 * 1024, total: 2 * 1024 * 1024, unit: 'bytes' };
  const display = startProgressBar(stream, () => progress, 0);
  await sleep(20);
  progress = { done: 2 * 1024 * 1024, total: 2 * 1024 * 1024, unit: 'bytes' };
  display.stop();
  t.match(stream.text, /tessera convert \[.*\] 25% \| 0\.5 MiB of 2\.0 MiB/);
  t.match(stream.text, /100% \| 2\.0 MiB of 2\.0 MiB/);
});

t.test('an input of unknown size shows the count alone', async (t) => {
  const stream = terminal();
  const display = startProgressBar(stream, () => ({ done: 1234, total: 0, unit: 'rows' }), 0);
  await sleep(20);
  display.stop();
  t.match(stream.text, /tessera convert \| 1,234 rows \|/);
});
