import { EXP_TABLE_SIZE, MAX_EXP } from "./tables.ts";
import { type WasmMemory, type WasmModule, wasm } from "./wasm-api.ts";
import { type Code, F32, flat, I32, name, op, section, uleb, V128, vec } from "./wasm-encoding.ts";

/**
 * Updates for one (context, centre) pair, all offsets in bytes into the shared memory:
 * `targets` holds `count` syn1neg row offsets, the centre word first (label 1), then the negatives (label 0).
 */
export type PairKernel = (
  syn0Row: number,
  targets: number,
  count: number,
  alpha: number,
  rowBytes: number,
  neu1e: number,
  expTable: number,
) => void;

/** wasm32 addresses 4 GiB: 65536 pages of 64 KiB. */
export const MAX_PAGES = 65536;

/** Rows are padded to this many bytes so the dot product can take two 4-lane vectors per step. */
export const ROW_ALIGN_BYTES = 32;

const [L1, TARGETS, COUNT, ALPHA, ROW, NEU, EXP] = [0, 1, 2, 3, 4, 5, 6];
const [K, T, L2] = [7, 8, 9];
const [F, G, LABEL] = [10, 11, 12];
const [ACC, ACC2, GV, W] = [13, 14, 15, 16];
const LOCALS = [
  [3, I32],
  [3, F32],
  [4, V128],
];

const get = op.localGet;
const at = (base: number): Code => [get(base), get(K), op.i32Add];
/** for (k = 0; k < rowBytes; k += step) body */
const overRow = (step: number, ...body: Code[]): Code => [
  op.i32Const(0),
  op.localSet(K),
  op.loop(body, get(K), op.i32Const(step), op.i32Add, op.localTee(K), get(ROW), op.i32LtU, op.brIf(0)),
];

/** f = syn0Row . syn1Row with two 4-lane partial sums. */
const dot: Code = [
  op.v128Zero,
  op.localSet(ACC),
  op.v128Zero,
  op.localSet(ACC2),
  overRow(
    32,
    [get(ACC), at(L1), op.v128Load(), at(L2), op.v128Load(), op.f32x4Mul, op.f32x4Add, op.localSet(ACC)],
    [
      get(ACC2),
      at(L1),
      op.v128Load(16),
      at(L2),
      op.v128Load(16),
      op.f32x4Mul,
      op.f32x4Add,
      op.localSet(ACC2),
    ],
  ),
  [
    get(ACC),
    get(ACC2),
    op.f32x4Add,
    op.localTee(ACC),
    op.f32x4ExtractLane(0),
    get(ACC),
    op.f32x4ExtractLane(1),
  ],
  [op.f32Add, get(ACC), op.f32x4ExtractLane(2), get(ACC), op.f32x4ExtractLane(3), op.f32Add, op.f32Add],
  op.localSet(F),
];

/** g = (label - sigmoid(f)) * alpha, with word2vec's clamping beyond +-MAX_EXP. */
const gradient: Code = [
  [op.f32Const(1), op.f32Const(0), get(T), op.i32Eqz, op.select, op.localSet(LABEL)],
  op.block(
    op.block(
      op.block(
        [get(F), op.f32Const(MAX_EXP), op.f32Gt, op.brIf(0)],
        [get(F), op.f32Const(-MAX_EXP), op.f32Lt, op.brIf(1)],
        [get(LABEL), get(EXP), get(F), op.f32Const(MAX_EXP), op.f32Add],
        [op.f32Const(EXP_TABLE_SIZE / MAX_EXP / 2), op.f32Mul, op.i32TruncSatF32S, op.i32Const(2), op.i32Shl],
        [op.i32Add, op.f32Load, op.f32Sub, get(ALPHA), op.f32Mul, op.localSet(G), op.br(2)],
      ),
      [get(LABEL), op.f32Const(1), op.f32Sub, get(ALPHA), op.f32Mul, op.localSet(G), op.br(1)],
    ),
    [get(LABEL), get(ALPHA), op.f32Mul, op.localSet(G)],
  ),
];

/** neu1e += g * syn1Row; syn1Row += g * syn0Row. */
const update: Code = [
  get(G),
  op.f32x4Splat,
  op.localSet(GV),
  overRow(
    16,
    [at(L2), op.v128Load(), op.localSet(W)],
    [at(NEU), at(NEU), op.v128Load(), get(GV), get(W), op.f32x4Mul, op.f32x4Add, op.v128Store()],
    [at(L2), get(W), get(GV), at(L1), op.v128Load(), op.f32x4Mul, op.f32x4Add, op.v128Store()],
  ),
];

const body: Code = [
  overRow(16, at(NEU), op.v128Zero, op.v128Store()),
  op.i32Const(0),
  op.localSet(T),
  op.loop(
    [get(TARGETS), get(T), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load, op.localSet(L2)],
    dot,
    gradient,
    update,
    [get(T), op.i32Const(1), op.i32Add, op.localTee(T), get(COUNT), op.i32LtU, op.brIf(0)],
  ),
  overRow(16, at(L1), at(L1), op.v128Load(), at(NEU), op.v128Load(), op.f32x4Add, op.v128Store()),
];

/** The module's bytes: one exported function `pair` over an imported shared memory of any size. */
export function pairKernelBytes(): Uint8Array {
  const params = [I32, I32, I32, F32, I32, I32, I32];
  const code = [
    ...vec(LOCALS.map(([count, type]) => [count as number, type as number])),
    ...flat(body),
    0x0b,
  ];
  const sharedMemoryAnySize = [0x03, ...uleb(0), ...uleb(MAX_PAGES)];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, vec(params.map((p) => [p])), 0]])),
    ...section(2, vec([[name("env"), name("memory"), 0x02, sharedMemoryAnySize]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[name("pair"), 0x00, 0]])),
    ...section(10, vec([[uleb(code.length), code]])),
  ]);
}

let compiled: WasmModule | undefined;

/** The compiled kernel, built once per thread. */
export function pairKernelModule(): WasmModule {
  compiled ??= new wasm.Module(pairKernelBytes());
  return compiled;
}

/** Binds the kernel to a memory created by createVectorMemory. */
export function instantiatePairKernel(memory: WasmMemory): PairKernel {
  const instance = new wasm.Instance(pairKernelModule(), { env: { memory } });
  return instance.exports.pair as PairKernel;
}
