/**
 * The progress bar of `tessera convert` (cli-progress) on stderr: shown only when stderr is a terminal and the
 * conversion is still running after a delay, so short conversions and piped runs print nothing.
 */
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { ConversionProgress } from './batch_source.js';

/** A running progress display; `stop` ends it (and is safe to call when nothing was shown). */
export interface ProgressDisplay {
  stop(): void;
}

const REFRESH_MS = 200;

function amount(value: number, unit: ConversionProgress['unit']): string {
  if (unit !== 'bytes') return `${value.toLocaleString('en-US')} ${unit}`;
  const mib = value / (1024 * 1024);
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib.toFixed(1)} MiB`;
}

/**
 * Polls `poll` and draws a bar on `stream` if it is a TTY and the conversion outlasts `delayMs`. When the input
 * cannot tell its size (total 0) the bar shows the count alone.
 */
export function startProgressBar(stream: Writable, poll: () => ConversionProgress, delayMs = 1000): ProgressDisplay {
  const tty = stream as Partial<NodeJS.WriteStream>;
  if (!tty.isTTY) return { stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  let refresh: NodeJS.Timeout | undefined;
  const payload = ({ done, total, unit }: ConversionProgress) => ({
    doneText: amount(done, unit),
    totalText: total > 0 ? ` of ${amount(total, unit)}` : '',
  });
  const update = (): void => {
    const progress = poll();
    bar?.setTotal(Math.max(progress.total, progress.done, 1));
    bar?.update(progress.done, payload(progress));
  };
  const start = setTimeout(() => {
    const progress = poll();
    const { total } = progress;
    bar = new cliProgress.SingleBar(
      {
        stream: stream as NodeJS.WriteStream,
        format:
          total > 0
            ? 'tessera convert [{bar}] {percentage}% | {doneText}{totalText} | {duration_formatted} (ETA {eta_formatted})'
            : 'tessera convert | {doneText} | {duration_formatted}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, progress.done, 1), progress.done, payload(progress));
    refresh = setInterval(update, REFRESH_MS);
    refresh.unref();
  }, delayMs);
  start.unref();
  return {
    stop: () => {
      clearTimeout(start);
      clearInterval(refresh);
      if (bar !== undefined) {
        update();
        bar.stop();
      }
    },
  };
}
