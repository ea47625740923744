// Writable streams that collect what the CLI writes, for tests.
import { Writable } from 'node:stream';

/** A writable that keeps everything written to it as text. */
export class CapturedStream extends Writable {
  text = '';

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/** Fresh stdout and stderr captures. */
export function captureIO(): { stdout: CapturedStream; stderr: CapturedStream } {
  return { stdout: new CapturedStream(), stderr: new CapturedStream() };
}
