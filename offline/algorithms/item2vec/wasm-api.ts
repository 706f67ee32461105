/**
 * The slice of the WebAssembly JS API the kernel uses. The project compiles without the DOM lib, whose
 * declarations are the only ones TypeScript ships for it, so the global is typed here instead.
 */
export interface WasmModule {
  readonly kind: "wasm-module";
}

export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
