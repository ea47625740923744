// Checking options objects: unknown keys are errors with a "did you mean" suggestion.
export { checkOptions, OptionsError, type OptionsErrorFactory, optionNames } from './check.js';
export { closestName, editDistance } from './suggest.js';
