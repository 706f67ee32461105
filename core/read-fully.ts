import type { FileHandle } from "node:fs/promises";

/**
 * Read `length` bytes at `position`, looping over short reads; the result is shorter only where the file ends.
 * Reads into the start of `into` when given (it must hold `length` bytes), else into a new buffer.
 */
export async function readFully(
  handle: FileHandle,
  position: number,
  length: number,
  into: Buffer = Buffer.allocUnsafe(length),
): Promise<Buffer> {
  if (into.length < length) throw new RangeError(`buffer of ${into.length} bytes cannot take ${length}`);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(into, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return into.subarray(0, done);
}
