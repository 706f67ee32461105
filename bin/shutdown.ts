type Hook = () => Promise<void>;
const hooks: Hook[] = [];
let installed = false;
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\nreceived ${signal}, shutting down\n`);
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      process.stderr.write(`shutdown step failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  }
  process.exit();
}

/** Runs `hook` on SIGINT / SIGTERM; `first` hooks (like closing the server) run before the others. */
export function onShutdown(hook: Hook, order: "first" | "last" = "last"): void {
  if (order === "first") hooks.unshift(hook);
  else hooks.push(hook);
  if (installed) return;
  installed = true;
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}
