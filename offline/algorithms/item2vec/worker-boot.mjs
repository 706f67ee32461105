// Plain JavaScript so that a worker can start even where no TypeScript loader reaches it: on Node 20, tsx
// registers its loader hooks on the main thread only, so a worker cannot import a .ts entry by itself.
import { workerData } from "node:worker_threads";

try {
  await import(workerData.entry);
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register();
  await import(`${workerData.entry}?tsx`);
}
