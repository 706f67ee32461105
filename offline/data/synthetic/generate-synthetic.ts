import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type ChunkWriter, createFileChunkWriter } from "../chunk-writer.ts";
import { movieLines } from "./movie-lines.ts";
import { RatingRows } from "./rating-rows.ts";
import { resolveShape, type SyntheticShape } from "./synthetic-params.ts";
import { planSynthetic } from "./synthetic-plan.ts";

export interface GenerateProgress {
  file: string;
  rows: number;
  totalRows: number;
  bytes: number;
}

export interface GenerateOptions extends SyntheticShape {
  /** Created if missing; `movies.csv` and `ratings.csv` are replaced there once both are complete. */
  outDir: string;
  /** Called at most about every 100 ms while writing ratings, and once at the end. */
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateResult {
  /** Rating rows written. */
  rows: number;
  files: string[];
  /** Bytes written across all files. */
  bytes: number;
}

const CHUNK_BYTES = 1 << 20;
const PROGRESS_INTERVAL_MS = 100;

/**
 * Writes a seeded synthetic data set in the ml-latest CSV layout, streaming in bounded memory. Both files are
 * written under temporary names in `outDir` and renamed into place at the end, ratings last, so a crash never
 * leaves a set that looks complete; a failure removes the temporary files.
 */
export async function generateSynthetic(options: GenerateOptions): Promise<GenerateResult> {
  const shape = resolveShape(options);
  const plan = planSynthetic(shape);
  await mkdir(options.outDir, { recursive: true });
  const moviesPath = join(options.outDir, "movies.csv");
  const ratingsPath = join(options.outDir, "ratings.csv");
  const suffix = `.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  const moviesTemp = join(options.outDir, `.movies.csv${suffix}`);
  const ratingsTemp = join(options.outDir, `.ratings.csv${suffix}`);
  try {
    const moviesBytes = await writeFileChunks(moviesTemp, async (movies) => {
      for (const block of movieLines(plan)) await movies.write(Buffer.from(block, "utf8"));
    });
    const rows = new RatingRows(plan);
    const ratingsBytes = await writeFileChunks(ratingsTemp, async (ratings) => {
      await ratings.write(Buffer.from("userId,movieId,rating,timestamp\n", "utf8"));
      await writeAll(ratings, rows, () =>
        options.onProgress?.({
          file: ratingsPath,
          rows: rows.rows,
          totalRows: shape.ratings,
          bytes: ratings.bytes,
        }),
      );
    });
    await rename(moviesTemp, moviesPath);
    await rename(ratingsTemp, ratingsPath);
    return { rows: rows.rows, files: [moviesPath, ratingsPath], bytes: moviesBytes + ratingsBytes };
  } catch (error) {
    await Promise.all([rm(moviesTemp, { force: true }), rm(ratingsTemp, { force: true })]);
    throw error;
  }
}

/** Runs `body` with a writer on `path` and closes it, also when `body` fails; resolves with the bytes written. */
async function writeFileChunks(path: string, body: (out: ChunkWriter) => Promise<void>): Promise<number> {
  const out = createFileChunkWriter(path);
  try {
    await body(out);
  } catch (error) {
    await out.close().catch(() => undefined);
    throw error;
  }
  await out.close();
  return out.bytes;
}

/** Pumps rows into chunks from a small pool; a chunk returns to the pool once the file has it. */
async function writeAll(out: ChunkWriter, rows: RatingRows, report: () => void): Promise<void> {
  const pool: Buffer[] = [];
  let last = performance.now();
  for (;;) {
    const chunk = pool.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
    const length = rows.fill(chunk);
    if (length === 0) break;
    await out.write(chunk.subarray(0, length), () => pool.push(chunk));
    const now = performance.now();
    if (now - last >= PROGRESS_INTERVAL_MS) {
      last = now;
      report();
    }
  }
  report();
}
