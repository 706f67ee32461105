import { StarlingError } from "./errors.ts";

/** Float32 vectors travel and rest as little-endian bytes, whatever the host's byte order. */
const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses every 4-byte group in place, converting between little- and big-endian Float32 layouts. */
export function swapFloat32ByteOrder(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1] as number;
    bytes[i] = bytes[i + 3] as number;
    bytes[i + 1] = bytes[i + 2] as number;
    bytes[i + 2] = b1;
    bytes[i + 3] = b0;
  }
  return bytes;
}

/** Encodes `v` as little-endian Float32 bytes; a fresh copy, bit-exact including NaN payloads. */
export function float32ToBytes(v: Float32Array): Uint8Array {
  // Copying raw bytes (not element values) keeps NaN payloads that a float->double round trip could change.
  const bytes = new Uint8Array(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  return hostIsLittleEndian ? bytes : swapFloat32ByteOrder(bytes);
}

/** Decodes little-endian Float32 bytes into a fresh, aligned array; rejects a length that is not a multiple of 4. */
export function bytesToFloat32(b: Uint8Array): Float32Array {
  if (b.byteLength % 4 !== 0) {
    throw new StarlingError(`vector bytes have length ${b.byteLength}, not a multiple of 4`, {
      code: "corrupt_value",
    });
  }
  // new Uint8Array(typedArray) copies into a fresh buffer at offset 0, so the Float32Array view is aligned.
  const copy = new Uint8Array(b);
  if (!hostIsLittleEndian) swapFloat32ByteOrder(copy);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}
