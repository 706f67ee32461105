import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const TOOL = "org.apache.kafka.tools.ProducerPerformance";

/** The kafka-tools jar (home of ProducerPerformance since Kafka 3.5) among the broker's jars, if resolved. */
export function producerPerformanceJar(libDir: string | undefined): string | undefined {
  if (libDir === undefined || !existsSync(libDir)) return undefined;
  const jar = readdirSync(libDir).find((name) => /^kafka-tools-\d[\w.-]*\.jar$/.test(name));
  return jar === undefined ? undefined : join(libDir, jar);
}

/** Why the broker's own producer benchmark is not measured, or undefined when it can run. */
export function producerPerformanceMissing(libDir: string | undefined): string | undefined {
  if (producerPerformanceJar(libDir) !== undefined) return undefined;
  const where = libDir ?? "(no launcher-owned Kafka, so no jar folder)";
  return `${TOOL} is not in the jars under ${where} (infra/local/kafka/pom.xml resolves kafka_2.13 but not kafka-tools); skipped`;
}

/**
 * Runs the broker's own producer benchmark against `topic` (which must exist) with acks=all and no
 * throughput cap; resolves with the records/s it reports.
 */
export async function producerPerformance(
  libDir: string,
  brokers: readonly string[],
  topic: string,
  records: number,
  recordBytes: number,
): Promise<number> {
  const args = ["-cp", join(libDir, "*"), TOOL, "--topic", topic, "--num-records", String(records)];
  args.push("--record-size", String(recordBytes), "--throughput", "-1", "--producer-props");
  args.push(`bootstrap.servers=${brokers.join(",")}`, "acks=all");
  const { stdout } = await run("java", args, { timeout: 120_000, maxBuffer: 16 << 20 });
  const rates = [...stdout.matchAll(/([\d.]+) records\/sec/g)];
  const last = rates.at(-1)?.[1];
  if (last === undefined) throw new Error(`${TOOL} printed no records/sec:\n${stdout}`);
  return Number(last);
}
