/**
 * The `error_type` label of a thrown value: its class name (`TypeError`, `ValidationError`),
 * or its `typeof` for values that are not objects.
 *
 * @example
 * errorType(new RangeError('x')); // 'RangeError'
 * errorType('oops'); // 'string'
 */
export function errorType(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
  const own = (error as { name?: unknown }).name;
  // `class E extends Error {}` keeps `name` "Error"; prefer the class then, the `name` when set.
  if (typeof own === 'string' && own !== 'Error' && own) return own;
  return typeof name === 'string' && name && name !== 'Object' ? name : 'Error';
}
