/**
 * Child process of bench/generate.bench.ts, one measurement per process so its peak RSS is its own.
 *   generate <outDir> <users> <items> <ratings> <seed>   runs the synthetic generator
 *   reference <outDir> <bytes>                           writes that many bytes of pre-built CSV lines
 * Prints one JSON line: { seconds, bytes, rows?, peakRssMB, startRssMB }.
 */
import { join } from "node:path";
import { createFileChunkWriter } from "../../offline/data/chunk-writer.ts";
import { generateSynthetic } from "../../offline/data/synthetic/generate-synthetic.ts";

const CHUNK_BYTES = 1 << 20;
const PROGRESS_EVERY_MS = 1000;

const rssMB = () => process.memoryUsage.rss() / 2 ** 20;
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

async function generate(outDir: string, users: number, items: number, ratings: number, seed: number) {
  let last = 0;
  const started = performance.now();
  const result = await generateSynthetic({
    outDir,
    users,
    items,
    ratings,
    seed,
    onProgress: ({ rows, totalRows }) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS && rows < totalRows) return;
      last = now;
      const rate = rows / ((now - started) / 1000) / 1e6;
      const share = ((100 * rows) / totalRows).toFixed(0);
      process.stderr.write(
        `\r  generating ${(rows / 1e6).toFixed(1)}M / ${(totalRows / 1e6).toFixed(1)}M rows (${share}%), ${rate.toFixed(2)}M rows/s   `,
      );
    },
  });
  process.stderr.write("\n");
  return { rows: result.rows, bytes: result.bytes };
}

/** One chunk of whole CSV lines shaped like ratings rows, built before timing starts. */
function prebuiltChunk(): Buffer {
  let text = "";
  for (let i = 0; text.length < CHUNK_BYTES - 64; i++) {
    text += `${(i * 7919) % 1_000_000},${(i * 104_729) % 100_000},${(i % 10) / 2 + 0.5},${1_420_070_400 + i * 37}\n`;
  }
  return Buffer.from(text, "latin1");
}

async function reference(outDir: string, bytes: number, chunk: Buffer) {
  const out = createFileChunkWriter(join(outDir, "reference.csv"));
  for (let written = 0; written < bytes; written += chunk.length) {
    await out.write(written + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - written));
  }
  await out.close();
  return { bytes };
}

async function main(): Promise<void> {
  const [mode, outDir = "", ...numbers] = process.argv.slice(2);
  const n = numbers.map(Number);
  const chunk = mode === "reference" ? prebuiltChunk() : Buffer.alloc(0);
  const startRssMB = rssMB();
  const started = performance.now();
  const result =
    mode === "generate"
      ? await generate(outDir, n[0] as number, n[1] as number, n[2] as number, n[3] as number)
      : await reference(outDir, n[0] as number, chunk);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ ...result, seconds, peakRssMB: peakRssMB(), startRssMB })}\n`);
}

await main();
