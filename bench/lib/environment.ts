import { execFileSync } from "node:child_process";
import { cpus } from "node:os";

/** Where a result was measured, so results can be compared across commits and machines. */
export interface BenchEnvironment {
  commit: string;
  /** True when the work tree had uncommitted changes. */
  dirty: boolean;
  node: string;
  cpus: number;
  cpuModel: string;
}

/** Reads the git commit (read-only) and the machine facts. */
export function benchEnvironment(): BenchEnvironment {
  const git = (args: string[]) => {
    try {
      return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  const list = cpus();
  return {
    commit: git(["rev-parse", "HEAD"]) ?? "unknown",
    dirty: (git(["status", "--porcelain"]) ?? "") !== "",
    node: process.version,
    cpus: list.length,
    cpuModel: list[0]?.model ?? "unknown",
  };
}
