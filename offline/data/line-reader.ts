import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { messageOf } from "../../core/error-message.ts";
import { DataFileError } from "../../core/errors.ts";

/** An open text file ready to stream, with its size for progress. */
export interface OpenedFile {
  path: string;
  handle: FileHandle;
  size: number;
}

const HINT = "check the path and permissions, or run `recsys data fetch` / set RECSYS_DATA_DIR";

/** Opens a regular file for reading, or fails with a DataFileError naming the path and what to do. */
export async function openDataFile(path: string): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (cause) {
    throw new DataFileError(`Cannot open data file ${path} (${messageOf(cause)}); ${HINT}`, cause);
  }
  try {
    return { path, handle, size: await regularFileSize(handle, path) };
  } catch (error) {
    // The reason the file is unusable matters more than a failure to close it.
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** The size of the open file, or a DataFileError when it cannot be read or is not a regular file. */
async function regularFileSize(handle: FileHandle, path: string): Promise<number> {
  let stat: Awaited<ReturnType<FileHandle["stat"]>>;
  try {
    stat = await handle.stat();
  } catch (cause) {
    throw new DataFileError(`Cannot read data file ${path} (${messageOf(cause)}); ${HINT}`, cause);
  }
  if (!stat.isFile()) throw new DataFileError(`Data file ${path} is not a regular file; ${HINT}`);
  return stat.size;
}

/** A batch of complete lines (without `\n` or `\r\n`) and the bytes read from the file so far. */
export interface LineBatch {
  lines: string[];
  bytesRead: number;
}

/**
 * Streams an opened file as batches of lines, one batch per chunk read, so callers can iterate
 * rows synchronously within a batch. Closes the file when done or abandoned.
 */
export async function* readLineBatches(
  file: OpenedFile,
  encoding: BufferEncoding,
): AsyncGenerator<LineBatch> {
  const stream = file.handle.createReadStream({ encoding, highWaterMark: 1 << 20, autoClose: true });
  let rest = "";
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      yield { lines: stripCarriageReturns(lines), bytesRead: stream.bytesRead };
    }
  } catch (cause) {
    throw new DataFileError(`Reading data file ${file.path} failed (${messageOf(cause)}); ${HINT}`, cause);
  } finally {
    stream.destroy();
  }
  if (rest !== "") yield { lines: stripCarriageReturns([rest]), bytesRead: stream.bytesRead };
}

function stripCarriageReturns(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  return lines;
}
