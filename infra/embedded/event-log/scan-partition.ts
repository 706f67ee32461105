import type { FileHandle } from "node:fs/promises";
import { readFully } from "../../../core/read-fully.ts";
import { checkFrame } from "./frame-codec.ts";

const CHUNK_BYTES = 1024 * 1024;

/** Where each valid record starts, and where the valid prefix of the file ends. */
export interface PartitionScan {
  readonly positions: number[];
  readonly validBytes: number;
}

/** Walk a partition file frame by frame, reading in chunks, and stop at the first torn or corrupt frame. */
export async function scanPartitionFile(file: FileHandle, statBytes: number): Promise<PartitionScan> {
  const positions: number[] = [];
  let fileBytes = statBytes;
  let buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(fileBytes, 1)));
  let chunkStart = 0;
  while (chunkStart < fileBytes) {
    const wanted = Math.min(buf.length, fileBytes - chunkStart);
    const chunkBytes = (await readFully(file, chunkStart, wanted, buf)).length;
    // A short read means the file ended early; treat that end as the file's end so the scan terminates.
    if (chunkBytes < wanted) fileBytes = chunkStart + chunkBytes;
    let pos = 0;
    for (;;) {
      const check = checkFrame(buf, pos, chunkBytes);
      if (check.kind === "frame") {
        positions.push(chunkStart + pos);
        pos += check.bytes;
        continue;
      }
      const frameStart = chunkStart + pos;
      if (check.kind === "bad" || frameStart + check.needBytes > fileBytes) {
        return { positions, validBytes: frameStart };
      }
      // The frame runs past this chunk but fits in the file: read again from its start, with room for it.
      if (check.needBytes > buf.length) buf = Buffer.allocUnsafe(check.needBytes);
      chunkStart = frameStart;
      break;
    }
  }
  return { positions, validBytes: fileBytes };
}
