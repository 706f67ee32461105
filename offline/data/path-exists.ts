import { stat } from "node:fs/promises";

/** True when something (file, folder, ...) exists at `path`; any failure to stat counts as absent. */
export async function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
