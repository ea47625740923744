/** Lines of streamed text (LF or CRLF endings), each with its 1-based line number. */

/** One line of text, without its line ending. */
export interface TextLine {
  readonly text: string;
  readonly line: number;
}

/**
 * The lines of `chunks`, as arrays (one per chunk that completes lines) to keep per-line overhead low. A line
 * longer than a chunk is gathered across chunks; a last line without a line break is still a line.
 */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<TextLine[], void, undefined> {
  let carry = '';
  let line = 1;
  for await (const chunk of chunks) {
    const out: TextLine[] = [];
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      let text = carry + chunk.slice(start, end);
      carry = '';
      if (text.endsWith('\r')) text = text.slice(0, -1);
      out.push({ text, line: line++ });
      start = end + 1;
    }
    carry += chunk.slice(start);
    if (out.length > 0) yield out;
  }
  if (carry.length > 0) yield [{ text: carry.endsWith('\r') ? carry.slice(0, -1) : carry, line }];
}
