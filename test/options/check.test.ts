// The options check itself: edit distance, the closest name, and the error it throws.
import t from 'tap';
import { checkOptions, OptionsError, optionNames } from '../../src/options/check.js';
import { closestName, editDistance } from '../../src/options/suggest.js';

t.test('editDistance is Levenshtein distance', async (t) => {
  t.equal(editDistance('', ''), 0);
  t.equal(editDistance('abc', ''), 3);
  t.equal(editDistance('', 'abc'), 3);
  t.equal(editDistance('filter', 'filters'), 1);
  t.equal(editDistance('kitten', 'sitting'), 3);
  t.equal(editDistance('codec', 'codecs'), 1);
  t.equal(editDistance('flaw', 'lawn'), 2);
});

t.test('closestName: case and separators, synonyms, then the least edit distance', async (t) => {
  const writer = ['codec', 'compressionLevel', 'rowGroupSize', 'dictionary', 'pageVersion'];
  t.equal(closestName('row_group_size', writer), 'rowGroupSize', 'snake_case');
  t.equal(closestName('RowGroupSize', writer), 'rowGroupSize', 'case');
  t.equal(closestName('compression', writer), 'codec', "pyarrow's name for codec");
  t.equal(closestName('dictionnary', writer), 'dictionary', 'a typo');
  t.equal(closestName('filter', ['columns', 'filters', 'rowGroups']), 'filters');
  t.equal(closestName('compression', ['splitEvery', 'compression']), 'compression', 'a synonym only when valid');
  t.equal(closestName('x', []), undefined);
});

t.test('checkOptions: unknown keys are BAD_ARGUMENT errors naming the key and the closest valid one', async (t) => {
  const valid = ['codec', 'rowGroupSize'];
  t.doesNotThrow(() => checkOptions(undefined, valid, 'f'));
  t.doesNotThrow(() => checkOptions({}, valid, 'f'));
  t.doesNotThrow(() => checkOptions({ codec: 'zstd', rowGroupSize: undefined }, valid, 'f'));
  let error: unknown;
  try {
    checkOptions({ codec: 'zstd', compression: 'zstd' }, valid, 'writeTable');
  } catch (err) {
    error = err;
  }
  t.ok(error instanceof OptionsError);
  t.match(error, { code: 'BAD_ARGUMENT', option: 'compression', suggestion: 'codec' });
  t.equal(
    (error as Error).message,
    'writeTable: unknown option "compression"; did you mean "codec"? (options: codec, rowGroupSize)',
  );
  // A misspelt key set to undefined is still a misspelt key.
  t.throws(() => checkOptions({ rowGroupSzie: undefined }, valid, 'f'), {
    name: 'OptionsError',
    message: /unknown option "rowGroupSzie"; did you mean "rowGroupSize"\?/,
  });
  t.throws(() => checkOptions('zstd', valid, 'f'), {
    code: 'BAD_ARGUMENT',
    message: /f: options must be an object, got the string "zstd"/,
  });
  t.throws(() => checkOptions(null, valid, 'f'), { message: /got null/ });
  t.throws(() => checkOptions([], valid, 'f'), { message: /got an array/ });
  // The module's own error type when it gives a factory.
  class MyError extends Error {
    code = 'BAD_ARGUMENT';
  }
  let own: unknown;
  try {
    checkOptions({ nope: 1 }, valid, 'g', (m) => new MyError(m));
  } catch (err) {
    own = err;
  }
  t.ok(own instanceof MyError);
});

t.test('optionNames lists the keys of the record (checked against the type at compile time)', async (t) => {
  t.same(optionNames<{ a?: number; b: string }>({ a: true, b: true }), ['a', 'b']);
});

t.test('the package root exports the check and its error', async (t) => {
  const root = await import('../../src/index.js');
  t.equal(root.OptionsError, OptionsError);
  t.equal(typeof root.checkOptions, 'function');
});
