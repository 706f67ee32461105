import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join } from "node:path";

/** Hex SHA-256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Names of the files in `dir` whose SHA-256 differs from `expected` (or that are missing). */
export async function checksumMismatches(
  dir: string,
  expected: Readonly<Record<string, string>>,
): Promise<string[]> {
  const bad: string[] = [];
  for (const [name, sha] of Object.entries(expected)) {
    const actual = await fileSha256(join(dir, name)).catch(() => "missing");
    if (actual !== sha) bad.push(actual === "missing" ? `${name} (missing)` : name);
  }
  return bad;
}
