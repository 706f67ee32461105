export type * from "./ann-index.ts";
export type * from "./artifact-files.ts";
export type * from "./bulk-store.ts";
export type * from "./control-store.ts";
export type * from "./event-log.ts";
export type * from "./feature-cache.ts";
