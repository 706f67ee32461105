import { fileURLToPath } from "node:url";

/**
 * The read-only MovieLens ml-latest-small copy that sits beside the repository
 * (`<repo>/../shared/data/ml-latest-small`), for tests that need the real data set.
 */
export function sharedDataDir(): string {
  return fileURLToPath(new URL("../../../shared/data/ml-latest-small", import.meta.url));
}
