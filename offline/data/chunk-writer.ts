import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";

/** Writes whole buffers to a file, waiting for the stream to drain so memory stays bounded. */
export interface ChunkWriter {
  /**
   * Resolves once the chunk is queued and the stream is below its high-water mark; `release`
   * runs once the chunk has reached the file, after which its memory may be reused.
   */
  write(chunk: Uint8Array, release?: () => void): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
  /** Bytes handed to `write` so far. */
  readonly bytes: number;
}

/** A ChunkWriter over `fs.createWriteStream`; the stream's own errors surface on the next call. */
export function createFileChunkWriter(path: string, highWaterMark = 8 << 20): ChunkWriter {
  const stream = createWriteStream(path, { highWaterMark });
  let failure: unknown = null;
  stream.on("error", (error) => {
    failure ??= error;
  });
  let bytes = 0;
  const check = () => {
    if (failure !== null) throw failure;
  };
  return {
    async write(chunk, release) {
      check();
      bytes += chunk.length;
      if (!stream.write(chunk, release)) await once(stream, "drain");
    },
    async close() {
      check();
      stream.end();
      await finished(stream);
      check();
    },
    get bytes() {
      return bytes;
    },
  };
}
