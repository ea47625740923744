// The one check every public function that takes an options object runs on it: a key it does not know is an
// error that names the key and the closest valid one. A JavaScript caller gets no compile-time check, and an
// ignored misspelt option (`compression` for `codec`, `filter` for `filters`) silently gives wrong rows or a
// wrong file.
import { closestName } from './suggest.js';

/** An unknown option name (or an options argument that is not an object). */
export class OptionsError extends Error {
  readonly code = 'BAD_ARGUMENT' as const;
  /** The unknown key ('' when the options argument itself is not an object). */
  readonly option: string;
  /** The closest valid key, if any. */
  readonly suggestion?: string;

  constructor(message: string, option: string, suggestion?: string) {
    super(message);
    this.name = 'OptionsError';
    this.option = option;
    if (suggestion !== undefined) this.suggestion = suggestion;
  }
}

/** Builds the error a module throws for bad options (its own typed error with code BAD_ARGUMENT). */
export type OptionsErrorFactory = (message: string, option: string, suggestion?: string) => Error;

const defaultError: OptionsErrorFactory = (message, option, suggestion) =>
  new OptionsError(message, option, suggestion);

/**
 * The option names of an options type, written once as a record so that the compiler checks the list against the
 * type both ways: a key added to `T` but not here, or listed here but not in `T`, fails to type-check.
 */
export function optionNames<T extends object>(names: { readonly [K in keyof Required<T>]: true }): readonly string[] {
  return Object.keys(names);
}

/**
 * Throws (a BAD_ARGUMENT error from `fail`, OptionsError by default) unless `options` is undefined or an object
 * whose own keys are all in `valid`. `where` names the function (and the nested option) in the message:
 * `writeTable: unknown option "compression"; did you mean "codec"? (options: codec, ...)`.
 */
export function checkOptions(
  options: unknown,
  valid: readonly string[],
  where: string,
  fail: OptionsErrorFactory = defaultError,
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw fail(`${where}: options must be an object, got ${describe(options)}`, '');
  }
  for (const key of Object.keys(options)) {
    if (valid.includes(key)) continue;
    const suggestion = closestName(key, valid);
    const hint = suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`;
    throw fail(
      `${where}: unknown option ${JSON.stringify(key)}${hint} (options: ${valid.join(', ')})`,
      key,
      suggestion,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : typeof value;
}
