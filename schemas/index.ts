export * from "./artifacts.ts";
export * from "./cache-keys.ts";
export * from "./events.ts";
export * from "./ids.ts";
export * from "./topics.ts";
export * from "./validate-event.ts";
