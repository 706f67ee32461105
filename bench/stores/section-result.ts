/** One measured figure over the runs of a section; the orchestrator turns `values` into median/min/max. */
export interface Series {
  measure: string;
  unit: string;
  values: number[];
}

/** What one section job (a child process) hands back to bench/stores.bench.ts. */
export interface SectionResult {
  section: string;
  series: Series[];
  /** What limited a figure, what was skipped and why. */
  notes: string[];
  /** Raw per-run figures and setup facts, kept in the JSON only. */
  details: Record<string, unknown>;
  /** Why the measurement failed (then there are no series), e.g. a shared service restarted by a test. */
  failed?: string;
}

/** The result of a section whose measurement threw: no figures, the first line of the error as the reason. */
export function failedResult(section: string, label: string, error: unknown, notes: string[]): SectionResult {
  const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  return {
    section,
    series: [],
    notes: [...notes, `${label} rows missing: ${reason}`],
    details: {},
    failed: reason,
  };
}

/** A progress line on stderr (stdout carries only the final JSON line). */
export function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

/**
 * Prints the section's result as the last stdout line, which child-run parses. It starts on a fresh line:
 * tools the launchers run (mvn) write to the inherited stdout without a final newline.
 */
export function emit(result: SectionResult): void {
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

/** Per-run ratio ours / reference, for the "ours / reference" rows. */
export function ratios(ours: readonly number[], reference: readonly number[]): number[] {
  return ours.map((value, i) => value / (reference[i] ?? Number.NaN));
}

/** Reads the JSON parameters a section job is started with (its first argument). */
export function jobParams<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error("a section job takes its parameters as one JSON argument");
  return JSON.parse(raw) as T;
}
