/**
 * Parsing one NDJSON line. JSON.parse turns integers beyond 2^53 into inexact doubles, so a line holding a long run
 * of digits is parsed by the small RFC 8259 parser below instead, which keeps integer literals outside the safe range
 * as bigint (Node 20's JSON.parse has no access to the source text of a number).
 */
import type { JsonValue } from './json_types.js';

/** Digits enough to exceed Number.MAX_SAFE_INTEGER (16 digits); shorter runs are exact as doubles. */
const LONG_DIGIT_RUN = /\d{16}/;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
/** Nesting deeper than this is refused rather than risking the stack. */
const MAX_DEPTH = 512;

/** Parses one JSON text; throws SyntaxError when it is not valid JSON. */
export function parseJsonLine(text: string): JsonValue {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text) as JsonValue;
  const parser = new ExactIntegerJsonParser(text);
  const value = parser.value(0);
  parser.end();
  return value;
}

class ExactIntegerJsonParser {
  private at = 0;

  constructor(private readonly text: string) {}

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.skipWhitespace();
    const c = this.text[this.at];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    return this.fail(c === undefined ? 'unexpected end of JSON input' : `unexpected token ${JSON.stringify(c)}`);
  }

  end(): void {
    this.skipWhitespace();
    if (this.at < this.text.length) this.fail(`unexpected ${JSON.stringify(this.text[this.at])} after the value`);
  }

  private object(depth: number): JsonValue {
    // No prototype: a "__proto__" key is data, as with JSON.parse.
    const out: { [key: string]: JsonValue } = Object.create(null);
    this.at++;
    this.skipWhitespace();
    if (this.text[this.at] === '}') {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.at] !== '"') this.fail('expected a property name');
      const key = this.string();
      this.skipWhitespace();
      this.expect(':');
      out[key] = this.value(depth + 1);
      this.skipWhitespace();
      if (this.text[this.at] === '}') {
        this.at++;
        return out;
      }
      this.expect(',');
    }
  }

  private array(depth: number): JsonValue {
    const out: JsonValue[] = [];
    this.at++;
    this.skipWhitespace();
    if (this.text[this.at] === ']') {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipWhitespace();
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      this.expect(',');
    }
  }

  /** A string literal: finds its closing quote, then lets JSON.parse check and unescape it. */
  private string(): string {
    let end = this.at + 1;
    for (; end < this.text.length && this.text[end] !== '"'; end++) if (this.text[end] === '\\') end++;
    if (end >= this.text.length) this.fail('unterminated string');
    const literal = this.text.slice(this.at, end + 1);
    try {
      return JSON.parse(literal) as string;
    } catch {
      return this.fail('bad string');
    } finally {
      this.at = end + 1;
    }
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail('bad number');
    this.at = NUMBER.lastIndex;
    const value = Number(m[0]);
    const integer = m[1] === undefined && m[2] === undefined;
    return integer && !Number.isSafeInteger(value) ? BigInt(m[0]) : value;
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) this.fail(`expected ${JSON.stringify(c)}`);
    this.at++;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.at;
    WHITESPACE.test(this.text);
    this.at = WHITESPACE.lastIndex;
  }

  private fail(message: string): never {
    throw new SyntaxError(`${message} at position ${this.at}`);
  }
}
