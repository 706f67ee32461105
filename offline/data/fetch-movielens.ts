import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { DataFileError } from "../../core/errors.ts";
import { type DownloadProgress, downloadToFile } from "./download.ts";
import { checksumMismatches } from "./file-sha256.ts";
import { ML_LATEST_SMALL_DIR, ML_LATEST_SMALL_SHA256, ML_LATEST_SMALL_URL } from "./movielens-checksums.ts";
import { pathExists } from "./path-exists.ts";
import { unzipFile } from "./unzip.ts";

export interface FetchMovieLensOptions {
  /** Defaults to the GroupLens ml-latest-small zip. */
  url?: string;
  /** The data set lands in `destDir/ml-latest-small/`. */
  destDir: string;
  fetchImpl?: typeof fetch;
  onProgress?: (p: DownloadProgress) => void;
}

export interface FetchMovieLensResult {
  /** Folder holding the verified CSVs. */
  dir: string;
  /** False when a verified copy was already there and nothing was downloaded. */
  downloaded: boolean;
  bytes: number;
}

/**
 * Downloads, unzips and checksum-verifies ml-latest-small into `destDir/ml-latest-small/`.
 * Works in a hidden staging folder and renames into place only after verification, so a failure
 * leaves nothing behind; an already verified copy is kept as it is.
 */
export async function fetchMovieLens(options: FetchMovieLensOptions): Promise<FetchMovieLensResult> {
  const target = join(options.destDir, ML_LATEST_SMALL_DIR);
  if ((await pathExists(target)) && (await checksumMismatches(target, ML_LATEST_SMALL_SHA256)).length === 0) {
    return { dir: target, downloaded: false, bytes: 0 };
  }
  await mkdir(options.destDir, { recursive: true });
  const staging = await mkdtemp(join(options.destDir, `.${ML_LATEST_SMALL_DIR}-`));
  try {
    const url = options.url ?? ML_LATEST_SMALL_URL;
    const zipPath = join(staging, "download.zip");
    const bytes = await downloadToFile(url, zipPath, options.fetchImpl ?? fetch, options.onProgress);
    const unpacked = join(staging, "unpacked");
    await unzipFile(zipPath, unpacked);
    const extracted = join(unpacked, ML_LATEST_SMALL_DIR);
    await verify(extracted, url);
    await rm(target, { recursive: true, force: true });
    await rename(extracted, target);
    return { dir: target, downloaded: true, bytes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function verify(extracted: string, url: string): Promise<void> {
  const bad = await checksumMismatches(extracted, ML_LATEST_SMALL_SHA256);
  if (bad.length > 0) {
    throw new DataFileError(
      `The archive from ${url} failed its SHA-256 check for ${bad.join(", ")}; it is corrupt or not ml-latest-small, so nothing was kept. Try again, or place the files by hand and set RECSYS_DATA_DIR`,
    );
  }
}
