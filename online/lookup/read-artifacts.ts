import type { BulkStore } from "../../core/ports/index.ts";

/** Keys per `getArtifacts` call, and calls in flight at once, when a whole kind is read. */
const KEYS_PER_CALL = 1000;
const CALLS_IN_FLIGHT = 4;

const decoder = new TextDecoder();

/** Every key of a kind's version that passes `keep`, in key order. */
export async function artifactKeys(
  bulk: BulkStore,
  kind: string,
  version: string,
  keep: (key: string) => boolean = () => true,
): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of bulk.listArtifactKeys(kind, version)) if (keep(key)) keys.push(key);
  return keys;
}

/** The values of `keys`, read in batches with a few batches in flight; missing keys are left out. */
export async function readArtifacts(
  bulk: BulkStore,
  kind: string,
  version: string,
  keys: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const batch = keys.slice(next, next + KEYS_PER_CALL);
      next += KEYS_PER_CALL;
      const values = await bulk.getArtifacts(kind, version, batch);
      batch.forEach((key, i) => {
        const value = values[i];
        if (value) out.set(key, value);
      });
    }
  };
  await Promise.all(Array.from({ length: CALLS_IN_FLIGHT }, worker));
  return out;
}

/** Every value of a kind's version (optionally only keys passing `keep`). */
export async function readAllArtifacts(
  bulk: BulkStore,
  kind: string,
  version: string,
  keep?: (key: string) => boolean,
): Promise<Map<string, Uint8Array>> {
  return readArtifacts(bulk, kind, version, await artifactKeys(bulk, kind, version, keep));
}

export function jsonOf(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes));
}
