// Kept only so bench/stores/jvm-cold-starts.ts (being edited elsewhere) still resolves; import ../free-port.ts instead.
export { freePort } from "../free-port.ts";
