import { crc32 } from "../crc32.ts";
import { StarlingError } from "../errors.ts";
import { type BehaviourGraph, graphProblem, validateGraph } from "./behaviour-graph.ts";

/**
 * Behaviour graph bytes, format 1, all integers little-endian:
 *   "SBGR" magic | u32 format | u32 nodeCount n | u32 edgeCount e | u32 idBytes
 *   | u32 × n UTF-8 byte length of each node id | idBytes of UTF-8 ids | zero padding to a multiple of 4
 *   | i32 × (n + 1) offsets | i32 × e targets | f32 × e weights | u32 CRC-32 of every byte before it.
 */
export const GRAPH_FORMAT_VERSION = 1;
const MAGIC = [0x53, 0x42, 0x47, 0x52];
const HEADER_BYTES = 20;

/** Encodes a valid graph (checked first) into the versioned, checksummed format above. */
export function encodeGraph(graph: BehaviourGraph): Uint8Array {
  validateGraph(graph);
  const encoder = new TextEncoder();
  const ids = graph.nodes.map((id) => encoder.encode(id));
  const idBytes = ids.reduce((sum, bytes) => sum + bytes.length, 0);
  const n = graph.nodes.length;
  const e = graph.targets.length;
  const bytes = new Uint8Array(encodedLength(n, e, idBytes));
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  let at = 4;
  for (const value of [GRAPH_FORMAT_VERSION, n, e, idBytes]) at = putU32(view, at, value);
  for (const id of ids) at = putU32(view, at, id.length);
  for (const id of ids) {
    bytes.set(id, at);
    at += id.length;
  }
  at = align4(at);
  for (const offset of graph.offsets) at = putU32(view, at, offset);
  for (const target of graph.targets) at = putU32(view, at, target);
  for (const weight of graph.weights) {
    view.setFloat32(at, weight, true);
    at += 4;
  }
  view.setUint32(at, crc32(bytes.subarray(0, at)), true);
  return bytes;
}

/** Decodes bytes from `encodeGraph`; throws a StarlingError (code "corrupt_value") saying what is wrong. */
export function decodeGraph(bytes: Uint8Array): BehaviourGraph {
  if (bytes.length < HEADER_BYTES + 4) corrupt(`${bytes.length} bytes is too short for a header`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) corrupt("bad magic, not a behaviour graph");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [version, n, e, idBytes] = [0, 1, 2, 3].map((i) => view.getUint32(4 + 4 * i, true)) as number[];
  if (version !== GRAPH_FORMAT_VERSION) {
    corrupt(`format version ${version} is not supported (this build reads ${GRAPH_FORMAT_VERSION})`);
  }
  const expected = encodedLength(n as number, e as number, idBytes as number);
  if (bytes.length !== expected) corrupt(`length ${bytes.length} does not match the header's ${expected}`);
  const body = bytes.length - 4;
  if (crc32(bytes.subarray(0, body)) !== view.getUint32(body, true)) corrupt("checksum mismatch");
  const graph = readBody(bytes, view, n as number, e as number, idBytes as number);
  const problem = graphProblem(graph);
  if (problem !== null) corrupt(problem);
  return graph;
}

function readBody(bytes: Uint8Array, view: DataView, n: number, e: number, idBytes: number): BehaviourGraph {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const nodes: string[] = [];
  let at = HEADER_BYTES + 4 * n;
  const idsEnd = at + idBytes;
  for (let i = 0; i < n; i++) {
    const length = view.getUint32(HEADER_BYTES + 4 * i, true);
    if (at + length > idsEnd) corrupt(`node id ${i} runs past the ids section`);
    try {
      nodes.push(decoder.decode(bytes.subarray(at, at + length)));
    } catch (cause) {
      corrupt(`node id ${i} is not valid UTF-8`, cause);
    }
    at += length;
  }
  if (at !== idsEnd) corrupt("node id lengths do not add up to the ids section");
  at = align4(at);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++, at += 4) offsets[i] = view.getInt32(at, true);
  const targets = new Int32Array(e);
  for (let i = 0; i < e; i++, at += 4) targets[i] = view.getInt32(at, true);
  const weights = new Float32Array(e);
  for (let i = 0; i < e; i++, at += 4) weights[i] = view.getFloat32(at, true);
  return { nodes, offsets, targets, weights };
}

function encodedLength(n: number, e: number, idBytes: number): number {
  return align4(HEADER_BYTES + 4 * n + idBytes) + 4 * (n + 1) + 8 * e + 4;
}

function align4(at: number): number {
  return Math.ceil(at / 4) * 4;
}

function putU32(view: DataView, at: number, value: number): number {
  view.setUint32(at, value, true);
  return at + 4;
}

function corrupt(reason: string, cause?: unknown): never {
  throw new StarlingError(`behaviour graph bytes are corrupt: ${reason}`, {
    code: "corrupt_value",
    ...(cause === undefined ? {} : { cause }),
  });
}
