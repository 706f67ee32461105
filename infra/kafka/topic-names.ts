import { ValidationError } from "../../core/errors.ts";
import type { TopicSpec } from "../../core/ports/event-log.ts";

// Kafka's legal topic characters and length.
const LEGAL = /^[A-Za-z0-9._-]{1,249}$/;

/** Maps the port's topic names and group ids to the cluster's, adding the configured prefix. */
export class TopicNames {
  constructor(private readonly prefix: string) {}

  /** The cluster's name for a topic. */
  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** The port's name for a cluster topic. */
  local(kafkaTopic: string): string {
    return kafkaTopic.startsWith(this.prefix) ? kafkaTopic.slice(this.prefix.length) : kafkaTopic;
  }

  group(groupId: string): string {
    return `${this.prefix}${groupId}`;
  }

  /** Throw a ValidationError listing every bad spec (name legal in Kafka once prefixed, whole partitions). */
  check(specs: readonly TopicSpec[]): void {
    if (!Array.isArray(specs)) throw new ValidationError("topic specs must be an array");
    const issues: { field: string; message: string }[] = [];
    specs.forEach((spec, i) => {
      const name = spec?.name;
      const full = typeof name === "string" ? this.topic(name) : "";
      if (typeof name !== "string" || name.length === 0 || full.includes("..") || !LEGAL.test(full)) {
        issues.push({
          field: `specs[${i}].name`,
          message: "must be letters, digits, '.', '_', '-' without '..'",
        });
      }
      if (!Number.isInteger(spec?.partitions) || spec.partitions < 1) {
        issues.push({ field: `specs[${i}].partitions`, message: "must be an integer of at least 1" });
      }
    });
    if (issues.length > 0) {
      const text = issues.map((issue) => `${issue.field} ${issue.message}`).join("; ");
      throw new ValidationError(`invalid topic spec: ${text}`, issues);
    }
  }
}
