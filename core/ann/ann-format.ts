import { crc32 } from "../crc32.ts";
import { StarlingError } from "../errors.ts";
import type { AnnKind } from "../ports/ann-index.ts";

/**
 * The byte form every AnnIndex serialises to, little-endian:
 *   0  magic "SANN"          4  format version (u16)   6  kind code (u8)   7  reserved, 0 (u8)
 *   8  dimension (u32)      12  size (u32)            16  CRC-32 of every byte from 20 on (u32)
 *   20 sections, each a u32 byte length then the bytes: params (JSON), ids (JSON array), then the kind's blobs.
 * A reader checks everything before trusting a byte, so a truncated or altered file fails loudly, not oddly.
 */
export const ANN_FORMAT_VERSION = 1;
const MAGIC = [0x53, 0x41, 0x4e, 0x4e];
const HEADER_BYTES = 20;
const KIND_CODES: Record<AnnKind, number> = { exact: 1, lsh: 2, hnsw: 3 };

/** What a serialised index holds, before a kind-specific reader interprets the blobs. */
export interface AnnFile {
  kind: AnnKind;
  dimension: number;
  size: number;
  params: unknown;
  ids: readonly string[];
  blobs: readonly Uint8Array[];
}

/** Encodes `file` in the format above. */
export function encodeAnnFile(file: AnnFile): Uint8Array {
  const text = new TextEncoder();
  const sections = [
    text.encode(JSON.stringify(file.params)),
    text.encode(JSON.stringify(file.ids)),
    ...file.blobs,
  ];
  const total = HEADER_BYTES + sections.reduce((sum, s) => sum + 4 + s.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint16(4, ANN_FORMAT_VERSION, true);
  view.setUint8(6, KIND_CODES[file.kind]);
  view.setUint32(8, file.dimension, true);
  view.setUint32(12, file.size, true);
  let at = HEADER_BYTES;
  for (const section of sections) {
    view.setUint32(at, section.length, true);
    bytes.set(section, at + 4);
    at += 4 + section.length;
  }
  view.setUint32(16, crc32(bytes.subarray(HEADER_BYTES)), true);
  return bytes;
}

/** Decodes and checks bytes from {@link encodeAnnFile}; throws a `corrupt_value` StarlingError otherwise. */
export function decodeAnnFile(bytes: Uint8Array): AnnFile {
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    corrupt("does not start with the SANN magic; not a Starling ANN index");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== ANN_FORMAT_VERSION) {
    corrupt(`has format version ${version}; this build reads version ${ANN_FORMAT_VERSION}`);
  }
  const kind = kindOf(view.getUint8(6));
  if (view.getUint32(16, true) !== crc32(bytes.subarray(HEADER_BYTES))) {
    corrupt("fails its checksum (truncated or altered)");
  }
  const sections = readSections(bytes, view);
  const [params, ids, ...blobs] = sections;
  const file: AnnFile = {
    kind,
    dimension: view.getUint32(8, true),
    size: view.getUint32(12, true),
    params: parseJson(params, "params"),
    ids: parseIds(ids),
    blobs,
  };
  if (file.ids.length !== file.size) corrupt(`holds ${file.ids.length} ids but declares ${file.size}`);
  return file;
}

/** The stored params as numbers by name, after checking each of `names` is there, so no default slips in. */
export function storedParams(file: AnnFile, names: readonly string[]): Record<string, number> {
  const params = file.params;
  if (typeof params !== "object" || params === null) corrupt(`hold no ${file.kind} params`);
  const record = params as Record<string, unknown>;
  for (const name of names) {
    if (typeof record[name] !== "number") corrupt(`lack the ${file.kind} parameter ${name}`);
  }
  return record as Record<string, number>;
}

/** Throws the error every reader raises for bytes it cannot trust. */
export function corrupt(detail: string): never {
  throw new StarlingError(`ANN index bytes ${detail}`, { code: "corrupt_value" });
}

function kindOf(code: number): AnnKind {
  const entry = Object.entries(KIND_CODES).find(([, value]) => value === code);
  if (entry === undefined) corrupt(`name unknown index kind ${code}`);
  return entry[0] as AnnKind;
}

function readSections(bytes: Uint8Array, view: DataView): Uint8Array[] {
  const sections: Uint8Array[] = [];
  let at = HEADER_BYTES;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) corrupt("end inside a section length");
    const length = view.getUint32(at, true);
    if (at + 4 + length > bytes.length) corrupt("end inside a section");
    sections.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  if (sections.length < 2) corrupt("lack the params and ids sections");
  return sections;
}

function parseJson(section: Uint8Array | undefined, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(section));
  } catch {
    return corrupt(`hold unreadable ${what}`);
  }
}

function parseIds(section: Uint8Array | undefined): string[] {
  const ids = parseJson(section, "ids");
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string"))
    corrupt("hold ids that are not strings");
  if (new Set(ids).size !== ids.length) corrupt("hold duplicate ids");
  return ids as string[];
}
