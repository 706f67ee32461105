import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArtifactFile, ArtifactFiles } from "../../core/ports/index.ts";

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const STAGING = ".staging-";
const ACTIVE = "ACTIVE";

function checkName(what: string, name: string): string {
  if (!SAFE_NAME.test(name) || name.includes("..")) {
    throw new Error(`${what} "${name}" is not a safe file name (letters, digits, '.', '_', '-')`);
  }
  return name;
}

/** Version folders under `dir`: written to a staging folder, then renamed into place in one step. */
export function createArtifactDirectory(options: { dir: string }): ArtifactFiles {
  const { dir } = options;
  return {
    async writeVersion(version: string, files: readonly ArtifactFile[]): Promise<void> {
      const final = join(dir, checkName("version", version));
      const staging = join(dir, `${STAGING}${version}`);
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging, { recursive: true });
      for (const file of files) await writeFile(join(staging, checkName("file", file.name)), file.content);
      await rm(final, { recursive: true, force: true });
      await rename(staging, final);
    },
    async markActive(version: string): Promise<void> {
      await mkdir(dir, { recursive: true });
      // A name per call, so two processes marking at once cannot rename each other's file away.
      const temp = join(dir, `${STAGING}${ACTIVE}-${process.pid}-${randomUUID()}`);
      await writeFile(temp, `${checkName("version", version)}\n`);
      await rename(temp, join(dir, ACTIVE));
    },
    async active(): Promise<string | null> {
      try {
        return (await readFile(join(dir, ACTIVE), "utf8")).trim() || null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async listVersions(): Promise<string[]> {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw error;
      });
      return entries
        .filter((e) => e.isDirectory() && !e.name.startsWith("."))
        .map((e) => e.name)
        .sort();
    },
    async deleteVersion(version: string): Promise<void> {
      await rm(join(dir, checkName("version", version)), { recursive: true, force: true });
      await rm(join(dir, `${STAGING}${version}`), { recursive: true, force: true });
    },
  };
}
