import { fileURLToPath } from "node:url";
import { loadConfig } from "../../core/config/index.ts";

/**
 * The MovieLens ml-latest-small copy for tests: `RECSYS_DATA_DIR` when set (CI sets it), else the read-only
 * shared copy beside the repository (`<repo>/../shared/data/ml-latest-small`). Never copied into the repo.
 */
export function sharedDataDir(): string {
  return (
    loadConfig().dataDir ?? fileURLToPath(new URL("../../../shared/data/ml-latest-small", import.meta.url))
  );
}
