import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A MovieLens folder holding every movie but only the ratings of users 1..`users` of `sourceDir`: a real data set
 * small enough to train in seconds. The caller removes the returned folder.
 */
export function movieLensSubset(sourceDir: string, users: number): string {
  const dir = mkdtempSync(join(tmpdir(), "starling-ml-subset-"));
  copyFileSync(join(sourceDir, "movies.csv"), join(dir, "movies.csv"));
  const [header, ...lines] = readFileSync(join(sourceDir, "ratings.csv"), "utf8").trimEnd().split("\n");
  const kept = lines.filter((line) => Number(line.slice(0, line.indexOf(","))) <= users);
  writeFileSync(join(dir, "ratings.csv"), `${[header, ...kept].join("\n")}\n`);
  return dir;
}
