/**
 * An estimate of the bytes a value holds: exact for typed arrays and (Shared)ArrayBuffers, 8 per number, 2 per
 * string character, members summed for arrays and objects (walk bounded to `budget` members, so a huge array of
 * small things is sampled rather than walked). Progress events report it; it is not an allocation count.
 */
export function estimateBytes(value: unknown, budget = 10_000): number {
  const state = { budget };
  return measure(value, state);
}

function measure(value: unknown, state: { budget: number }): number {
  if (--state.budget < 0) return 0;
  switch (typeof value) {
    case 'number':
      return 8;
    case 'bigint':
      return 8;
    case 'boolean':
      return 4;
    case 'string':
      return 2 * value.length;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 0;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) {
    const n = value.length;
    const sampled = Math.min(n, Math.max(1, state.budget));
    let sum = 0;
    for (let i = 0; i < sampled; i++) sum += measure(value[i], state);
    return sampled === 0 ? 0 : 8 * n + Math.round((sum * n) / sampled);
  }
  if (value instanceof Map) {
    let sum = 0;
    for (const [k, v] of value) sum += measure(k, state) + measure(v, state);
    return sum;
  }
  let sum = 0;
  for (const k of Object.keys(value)) sum += 2 * k.length + measure((value as Record<string, unknown>)[k], state);
  return sum;
}
