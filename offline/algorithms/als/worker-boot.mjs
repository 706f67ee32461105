// Plain JavaScript because a worker on Node 20 does not inherit the tsx loader hooks of the main thread, so it
// cannot import a .ts entry by itself: when that is why the first import fails, install tsx here and retry.
import { workerData } from "node:worker_threads";

const entry = new URL(workerData.entry);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register();
  // The failed import stays cached under its URL, so the retry asks for a distinct one.
  entry.searchParams.set("loader", "tsx");
  await import(entry.href);
}
