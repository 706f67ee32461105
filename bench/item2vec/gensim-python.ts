import { spawnSync } from "node:child_process";

/** Debian's interpreter first: python3-gensim installs there, while a PATH python3 (pyenv, venv) may lack it. */
const INTERPRETERS = ["/usr/bin/python3", "python3"];
const PACKAGE = "python3-gensim";

/** A Python interpreter that imports gensim 4, and the gensim version it found. */
export interface GensimPython {
  python: string;
  version: string;
}

/** Finds a Python with gensim 4, installing the Debian package python3-gensim once when none has it. */
export function gensimPython(log: (line: string) => void): GensimPython {
  const found = probeAll();
  if (found !== null) return found;
  log(`gensim 4 not found for ${INTERPRETERS.join(" or ")}: installing the Debian package ${PACKAGE}`);
  if (!aptInstall(log)) {
    log("apt-get install failed; refreshing the package lists (apt-get update) and trying once more");
    apt(["update"], log);
    aptInstall(log);
  }
  const installed = probeAll();
  if (installed === null) {
    throw new Error(
      `gensim 4 is still missing after installing ${PACKAGE}; install it by hand ` +
        `(apt-get install -y ${PACKAGE}) and run the benchmark again`,
    );
  }
  return installed;
}

function probeAll(): GensimPython | null {
  for (const python of INTERPRETERS) {
    const version = gensimVersion(python);
    if (version?.startsWith("4.")) return { python, version };
  }
  return null;
}

function gensimVersion(python: string): string | null {
  const probe = spawnSync(python, ["-c", "import gensim; print(gensim.__version__)"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function aptInstall(log: (line: string) => void): boolean {
  return apt(["install", "-y", PACKAGE], log);
}

/** Runs apt-get with its output shown, through sudo unless already root. */
function apt(args: string[], log: (line: string) => void): boolean {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? "apt-get" : "sudo";
  const fullArgs = asRoot ? args : ["apt-get", ...args];
  log(`$ ${command} ${fullArgs.join(" ")}`);
  const result = spawnSync(command, fullArgs, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}
