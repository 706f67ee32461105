import type { SectionResult } from "../stores/section-result.ts";
import { runChild } from "./child-run.ts";

/** The known sections named in a comma-separated `--sections` value, in their known order; unknown ones throw. */
export function chooseSections<S extends string>(asked: string | undefined, known: readonly S[]): S[] {
  const names = (asked ?? "").split(",").map((s) => s.trim());
  const unknown = names.filter((s) => !(known as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown section(s) ${unknown.join(", ")}; known: ${known.join(", ")}`);
  return known.filter((s) => names.includes(s));
}

/** Runs one section's job in a child process; a job that dies gives a result that says so instead of rows. */
export async function runSectionJob(
  section: string,
  jobPath: string,
  params: unknown,
): Promise<SectionResult> {
  try {
    return await runChild<SectionResult>(jobPath, [JSON.stringify(params)]);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] as string) : String(error);
    return {
      section,
      series: [],
      notes: [`${section} rows missing: ${reason}`],
      details: {},
      failed: reason,
    };
  }
}
