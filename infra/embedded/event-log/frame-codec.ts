import { crc32 } from "../../../core/crc32.ts";
import { ValidationError } from "../../../core/errors.ts";
import type { LogRecord } from "../../../core/ports/event-log.ts";

/**
 * Partition file format: a sequence of frames, one per record, offsets implied by position.
 * Frame = payload length (u32 BE) + CRC-32 of the payload (u32 BE) + payload (UTF-8 JSON `{k, v, t, h?}`).
 * The CRC lets a reader tell a torn or garbage tail from a real record.
 */
export const FRAME_HEADER_BYTES = 8;
/** Largest payload a frame may carry; bigger lengths in a header mean the header is garbage. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/** A record as stored: what the producer gave, with its timestamp fixed. */
export interface StoredRecord {
  readonly key: string;
  readonly value: string | null;
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, string>>;
}

interface Payload {
  k: string;
  v: string | null;
  t: number;
  h?: Record<string, string>;
}

/** One record as a frame ready to append; a record too big for a frame is a ValidationError. */
export function encodeFrame(record: StoredRecord): Buffer {
  const payload: Payload = { k: record.key, v: record.value, t: record.timestamp };
  if (Object.keys(record.headers).length > 0) payload.h = { ...record.headers };
  const json = JSON.stringify(payload);
  const length = Buffer.byteLength(json);
  if (length > MAX_PAYLOAD_BYTES) {
    throw new ValidationError(`record of ${length} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`, [
      { field: "records", message: "record too large" },
    ]);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame.write(json, FRAME_HEADER_BYTES, "utf8");
  frame.writeUInt32BE(length, 0);
  frame.writeUInt32BE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

/** What lies at a position: a whole valid frame, too few bytes to tell, or bytes that are no frame. */
export type FrameCheck =
  | { readonly kind: "frame"; readonly bytes: number }
  | { readonly kind: "short"; readonly needBytes: number }
  | { readonly kind: "bad" };

/** Check the frame starting at `pos` in `buf[0, end)`. */
export function checkFrame(buf: Buffer, pos: number, end: number): FrameCheck {
  if (end - pos < FRAME_HEADER_BYTES) return { kind: "short", needBytes: FRAME_HEADER_BYTES };
  const length = buf.readUInt32BE(pos);
  // A zero length would pass the CRC check (CRC of nothing is 0), and zeroed blocks are a classic crash tail.
  if (length === 0 || length > MAX_PAYLOAD_BYTES) return { kind: "bad" };
  const bytes = FRAME_HEADER_BYTES + length;
  if (end - pos < bytes) return { kind: "short", needBytes: bytes };
  const expected = buf.readUInt32BE(pos + 4);
  if (crc32(buf.subarray(pos + FRAME_HEADER_BYTES, pos + bytes)) !== expected) return { kind: "bad" };
  return { kind: "frame", bytes };
}

/** Decode the consecutive, already-validated frames in `buf`, the first being record `firstOffset`. */
export function decodeFrames(
  buf: Buffer,
  topic: string,
  partition: number,
  firstOffset: number,
): LogRecord[] {
  const records: LogRecord[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const length = buf.readUInt32BE(pos);
    const start = pos + FRAME_HEADER_BYTES;
    const payload = JSON.parse(buf.toString("utf8", start, start + length)) as Payload;
    records.push({
      topic,
      partition,
      offset: firstOffset + records.length,
      key: payload.k,
      value: payload.v,
      timestamp: payload.t,
      headers: payload.h ?? {},
    });
    pos = start + length;
  }
  return records;
}
