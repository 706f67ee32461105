/** Just enough of the WebAssembly binary format to emit the training kernel's one function. */

/** Bytes, possibly nested the way the code reads; flattened once at the end. */
export type Code = number | readonly Code[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Flattens nested code fragments into bytes. */
export function flat(code: Code): number[] {
  const out: number[] = [];
  const walk = (part: Code) => {
    if (typeof part === "number") out.push(part);
    else for (const item of part) walk(item);
  };
  walk(code);
  return out;
}

export function vec(items: readonly Code[]): number[] {
  return [...uleb(items.length), ...items.flatMap((item) => flat(item))];
}

export function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

export function section(id: number, content: Code): number[] {
  const bytes = flat(content);
  return [id, ...uleb(bytes.length), ...bytes];
}

export const op = {
  localGet: (index: number) => [0x20, ...uleb(index)],
  localSet: (index: number) => [0x21, ...uleb(index)],
  localTee: (index: number) => [0x22, ...uleb(index)],
  i32Const: (value: number) => [0x41, ...sleb(value)],
  f32Const: (value: number) => [0x43, ...new Uint8Array(Float32Array.of(value).buffer)],
  i32Load: [0x28, 2, 0],
  f32Load: [0x2a, 2, 0],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  f32Lt: [0x5d],
  f32Gt: [0x5e],
  i32Add: [0x6a],
  i32Shl: [0x74],
  f32Add: [0x92],
  f32Sub: [0x93],
  f32Mul: [0x94],
  /** Saturating, so a diverged NaN score reads a table entry instead of trapping. */
  i32TruncSatF32S: [0xfc, ...uleb(0)],
  select: [0x1b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  /** Block and loop without results. */
  block: (...body: Code[]): Code => [0x02, 0x40, body, 0x0b],
  loop: (...body: Code[]): Code => [0x03, 0x40, body, 0x0b],
  v128Load: (offset = 0) => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  v128Zero: [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)],
  f32x4Splat: [0xfd, ...uleb(0x13)],
  f32x4ExtractLane: (lane: number) => [0xfd, ...uleb(0x1f), lane],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
} as const;
