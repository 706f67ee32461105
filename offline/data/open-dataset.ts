import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { DataFileError } from "../../core/errors.ts";
import { createFileDataset } from "./file-dataset.ts";
import type { FormatSpec } from "./format-spec.ts";
import { ml1mFormat } from "./ml-1m-format.ts";
import { ml100kFormat } from "./ml-100k-format.ts";
import { mlLatestFormat } from "./ml-latest-format.ts";
import { pathExists } from "./path-exists.ts";
import type { Dataset } from "./types.ts";

/** Formats in detection order. */
export const FORMATS: readonly FormatSpec[] = [mlLatestFormat, ml100kFormat, ml1mFormat];

/** Sub-folders a download unpacks into, searched when `dir` itself holds no known files. */
const KNOWN_SUBDIRS = ["ml-latest-small", "ml-100k", "ml-1m"];

const HINT =
  "run `recsys data fetch` to download ml-latest-small, or set RECSYS_DATA_DIR to a MovieLens folder";

/** Opens the MovieLens data set in `dir`, detecting its format from the files present. */
export async function openDataset(dir: string): Promise<Dataset> {
  const root = resolve(dir);
  if (!(await isDirectory(root))) {
    throw new DataFileError(`Data directory ${root} does not exist or is not a directory; ${HINT}`);
  }
  for (const candidate of [root, ...KNOWN_SUBDIRS.map((sub) => join(root, sub))]) {
    const spec = await detectFormat(candidate);
    if (spec !== null) return createFileDataset(spec, candidate);
  }
  const lookedFor = FORMATS.map((f) => `${f.format}: ${f.requiredFiles.join(" + ")}`).join("; ");
  throw new DataFileError(`No known data set in ${root} (looked for ${lookedFor}); ${HINT}`);
}

/** The first format whose required files are all present in `dir`, or null. */
export async function detectFormat(dir: string): Promise<FormatSpec | null> {
  for (const spec of FORMATS) {
    const present = await Promise.all(spec.requiredFiles.map((file) => pathExists(join(dir, file))));
    if (present.every(Boolean)) return spec;
  }
  return null;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
