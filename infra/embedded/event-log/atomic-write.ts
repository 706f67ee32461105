import { open, rename } from "node:fs/promises";
import { dirname } from "node:path";

/** Replace `path` with `data` all at once (temp file, then rename), so a crash leaves the old or the new file. */
export async function writeFileAtomic(path: string, data: string, fsync: boolean): Promise<void> {
  const temp = `${path}.tmp`;
  const file = await open(temp, "w");
  try {
    await file.writeFile(data, "utf8");
    if (fsync) await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  if (fsync) await fsyncDir(dirname(path));
}

/** Make a directory's entries (created or renamed files) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
