/** A plain Uint8Array over the bytes SQLite returned; copies when the Buffer is a view into a shared pool. */
export function toBytes(buffer: Buffer): Uint8Array {
  const ownsMemory = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;
  return ownsMemory ? new Uint8Array(buffer.buffer, 0, buffer.byteLength) : new Uint8Array(buffer);
}
