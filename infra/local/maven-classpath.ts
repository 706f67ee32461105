import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UnavailableError } from "../../core/errors.ts";

/**
 * Resolves a server's jars from Maven Central into `libDir` with `mvn dependency:copy-dependencies` over the
 * given pom (downloads are cached in ~/.m2), once; returns the classpath of every jar there.
 */
export function mavenClasspath(pomFile: string, libDirGiven: string, log: (line: string) => void): string {
  // Maven resolves a relative output directory against the pom's folder, not ours.
  const libDir = resolve(libDirGiven);
  const marker = join(libDir, ".resolved");
  if (!existsSync(marker)) {
    mkdirSync(libDir, { recursive: true });
    log(`resolving jars with Maven into ${libDir} (first run downloads them; later runs use ~/.m2)`);
    const result = spawnSync(
      "mvn",
      [
        "-q",
        "-B",
        "-f",
        pomFile,
        "dependency:copy-dependencies",
        `-DoutputDirectory=${libDir}`,
        "-DincludeScope=runtime",
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    if (result.error || result.status !== 0) {
      throw new UnavailableError(
        `mvn dependency:copy-dependencies failed for ${pomFile}; check that Maven is installed and reaches Maven Central`,
        result.error,
      );
    }
    writeFileSync(marker, new Date().toISOString());
  }
  const jars = readdirSync(libDir).filter((f) => f.endsWith(".jar"));
  return jars.map((jar) => join(libDir, jar)).join(":");
}
