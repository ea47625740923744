/** A typed-array constructor (the ones that can view a SharedArrayBuffer). */
export type TypedArrayConstructor<T> = {
  new (buffer: SharedArrayBuffer, byteOffset?: number, length?: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/**
 * A zero-filled typed array of `length` elements on a new SharedArrayBuffer: the way to allocate a result that
 * other threads will read. Sent to another thread (a task result, a task input), it shares the memory instead of
 * copying it.
 */
export function sharedArray<T>(type: TypedArrayConstructor<T>, length: number): T {
  return new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT), 0, length);
}

/** True when `view`'s memory is a SharedArrayBuffer (so passing it between threads copies nothing). */
export function isShared(view: ArrayBufferView): boolean {
  return view.buffer instanceof SharedArrayBuffer;
}
