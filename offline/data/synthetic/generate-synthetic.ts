import { mkdir } from "node:fs/promises";
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
  /** Created if missing; `movies.csv` and `ratings.csv` are written (replaced) there. */
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

/** Writes a seeded synthetic data set in the ml-latest CSV layout, streaming in bounded memory. */
export async function generateSynthetic(options: GenerateOptions): Promise<GenerateResult> {
  const shape = resolveShape(options);
  const plan = planSynthetic(shape);
  await mkdir(options.outDir, { recursive: true });
  const moviesPath = join(options.outDir, "movies.csv");
  const ratingsPath = join(options.outDir, "ratings.csv");

  const movies = createFileChunkWriter(moviesPath);
  for (const block of movieLines(plan)) await movies.write(Buffer.from(block, "utf8"));
  await movies.close();

  const ratings = createFileChunkWriter(ratingsPath);
  await ratings.write(Buffer.from("userId,movieId,rating,timestamp\n", "utf8"));
  const rows = new RatingRows(plan);
  await writeAll(ratings, rows, (final) => {
    options.onProgress?.({
      file: ratingsPath,
      rows: rows.rows,
      totalRows: shape.ratings,
      bytes: ratings.bytes,
    });
    return final;
  });
  await ratings.close();
  return { rows: rows.rows, files: [moviesPath, ratingsPath], bytes: movies.bytes + ratings.bytes };
}

/** Pumps rows into chunks from a small pool; a chunk returns to the pool once the file has it. */
async function writeAll(out: ChunkWriter, rows: RatingRows, report: (final: boolean) => void): Promise<void> {
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
      report(false);
    }
  }
  report(true);
}
