// The chunk layout lives in core so the online tier reads what the offline tier writes without importing offline.
export { CHUNK_BYTES, chunkedEntries, readChunked } from "../../../core/chunked-artifacts.ts";
