import { MAX_PAGES, ROW_ALIGN_BYTES } from "./sgns-pair-wasm.ts";
import { buildExpTable, fillInitialVectors } from "./tables.ts";
import { type WasmMemory, wasm } from "./wasm-api.ts";

/** Byte offsets into the kernel's memory: the sigmoid table, both weight matrices, then each thread's scratch. */
export interface VectorLayout {
  readonly expTable: number;
  readonly syn0: number;
  readonly syn1: number;
  /** Bytes per row: the dimension padded with zeros to ROW_ALIGN_BYTES. */
  readonly rowBytes: number;
  /** Thread t's neu1e row starts at scratch + t * scratchBytes, its target list right after it. */
  readonly scratch: number;
  readonly scratchBytes: number;
  readonly totalBytes: number;
}

const PAGE_BYTES = 65536;
const roundUp = (value: number, multiple: number) => Math.ceil(value / multiple) * multiple;

export function vectorLayout(rows: number, dim: number, negatives: number, threads: number): VectorLayout {
  const rowBytes = roundUp(dim * 4, ROW_ALIGN_BYTES);
  const expTable = 0;
  const syn0 = roundUp(buildExpTable().byteLength, ROW_ALIGN_BYTES);
  const syn1 = syn0 + rows * rowBytes;
  const scratch = syn1 + rows * rowBytes;
  const scratchBytes = rowBytes + roundUp((negatives + 1) * 4, ROW_ALIGN_BYTES);
  return {
    expTable,
    syn0,
    syn1,
    rowBytes,
    scratch,
    scratchBytes,
    totalBytes: scratch + threads * scratchBytes,
  };
}

/** A shared memory holding the sigmoid table, syn0 initialised from `seed` and syn1neg at zero. */
export function createVectorMemory(
  layout: VectorLayout,
  rows: number,
  dim: number,
  seed: number,
): WasmMemory {
  const pages = Math.max(1, Math.ceil(layout.totalBytes / PAGE_BYTES));
  if (pages > MAX_PAGES) {
    throw new Error(
      `Item2Vec: ${rows} items x dimension ${dim} need more than the 4 GiB a wasm memory can hold`,
    );
  }
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  new Float32Array(memory.buffer, layout.expTable).set(buildExpTable());
  const syn0 = new Float32Array(memory.buffer, layout.syn0, (rows * layout.rowBytes) / 4);
  fillInitialVectors(syn0, rows, dim, layout.rowBytes / 4, seed);
  return memory;
}

/** Copies the trained syn0 rows out of the kernel memory, without their padding. */
export function readVectors(
  memory: WasmMemory,
  layout: VectorLayout,
  rows: number,
  dim: number,
): Float32Array {
  const stride = layout.rowBytes / 4;
  const syn0 = new Float32Array(memory.buffer, layout.syn0, rows * stride);
  const vectors = new Float32Array(rows * dim);
  for (let row = 0; row < rows; row++)
    vectors.set(syn0.subarray(row * stride, row * stride + dim), row * dim);
  return vectors;
}
