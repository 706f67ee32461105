import type { Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";

export interface ProgressOptions {
  readonly label: string;
  /** Work expected in all, when known; enables percent and ETA. */
  readonly total?: number;
  readonly unit?: string;
  /** Where lines go; stderr by default so stdout stays clean for output. */
  readonly write?: (text: string) => void;
  /** Rewrite one line in place (a terminal) instead of printing a line per update. */
  readonly inPlace?: boolean;
  readonly clock?: Clock;
  /** Nothing is shown for steps that finish sooner than this. */
  readonly quietForMs?: number;
  /** Least time between two updates on screen. */
  readonly everyMs?: number;
}

export interface Progress {
  /** Report how much is done so far; cheap to call often. */
  update(done: number, detail?: string): void;
  /** Print the final line (only if anything was shown, or if `always`). */
  finish(detail?: string, always?: boolean): void;
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** A progress line for steps longer than a second: count, rate, percent and ETA when the total is known. */
export function createProgress(options: ProgressOptions): Progress {
  const clock = options.clock ?? systemClock;
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const inPlace = options.inPlace ?? process.stderr.isTTY === true;
  const quietForMs = options.quietForMs ?? 1000;
  const everyMs = options.everyMs ?? (inPlace ? 200 : 2000);
  const unit = options.unit ?? "rows";
  const started = clock.now();
  let lastShown = Number.NEGATIVE_INFINITY;
  let shown = false;
  let done = 0;

  const render = (detail?: string): string => {
    const elapsed = Math.max(1, clock.now() - started);
    const rate = (done * 1000) / elapsed;
    const parts = [`${options.label}: ${formatCount(done)}`];
    if (options.total !== undefined && options.total > 0) {
      parts[0] += `/${formatCount(options.total)} ${unit} (${Math.min(100, (100 * done) / options.total).toFixed(1)}%)`;
      const eta = rate > 0 ? ((options.total - done) / rate) * 1000 : Number.NaN;
      if (Number.isFinite(eta) && eta > 0) parts.push(`ETA ${formatDuration(eta)}`);
    } else {
      parts[0] += ` ${unit}`;
    }
    parts.push(`${formatCount(rate)} ${unit}/s`, formatDuration(elapsed));
    if (detail) parts.push(detail);
    return parts.join(", ");
  };

  return {
    update(value, detail) {
      done = value;
      const now = clock.now();
      if (now - started < quietForMs || now - lastShown < everyMs) return;
      lastShown = now;
      shown = true;
      write(inPlace ? `\r\x1b[2K${render(detail)}` : `${render(detail)}\n`);
    },
    finish(detail, always = false) {
      if (!shown && !always) return;
      write(inPlace && shown ? `\r\x1b[2K${render(detail)}\n` : `${render(detail)}\n`);
    },
  };
}
