import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { DataFileError, UnavailableError } from "../../core/errors.ts";

export interface DownloadProgress {
  bytes: number;
  /** From Content-Length; null when the server did not say. */
  totalBytes: number | null;
}

/** Streams the body of `url` into `path`; a non-2xx answer or a network failure rejects with a clear error. */
export async function downloadToFile(
  url: string,
  path: string,
  fetchImpl: typeof fetch,
  onProgress?: (p: DownloadProgress) => void,
): Promise<number> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (cause) {
    throw new UnavailableError(
      `Download of ${url} failed: ${cause instanceof Error ? cause.message : cause}`,
      cause,
    );
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    const what = `Download of ${url} failed: HTTP ${response.status} ${response.statusText}`;
    if (response.status >= 400 && response.status < 500) {
      throw new DataFileError(`${what}; check the URL`);
    }
    throw new UnavailableError(`${what}; try again later`);
  }
  const length = Number(response.headers.get("content-length"));
  const totalBytes = Number.isFinite(length) && length > 0 ? length : null;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onProgress?.({ bytes, totalBytes });
      done(null, chunk);
    },
  });
  try {
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    await pipeline(body, counter, createWriteStream(path));
  } catch (cause) {
    throw new UnavailableError(`Download of ${url} broke off after ${bytes} bytes`, cause);
  }
  if (totalBytes !== null && bytes !== totalBytes) {
    throw new UnavailableError(`Download of ${url} ended after ${bytes} of ${totalBytes} bytes; try again`);
  }
  return bytes;
}
