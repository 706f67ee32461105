import { DataFileError } from "../../core/errors.ts";
import type { LineParser } from "./format-spec.ts";
import { type LineBatch, openDataFile, readLineBatches } from "./line-reader.ts";
import type { LoadOptions, LoadReport } from "./types.ts";

/** How many malformed rows a report keeps as samples. */
export const SAMPLE_LIMIT = 20;
const PROGRESS_INTERVAL_MS = 100;

/** One file to stream: where it is, how it is encoded, its header (if any) and its row parser. */
export interface RowSource<T> {
  path: string;
  encoding: BufferEncoding;
  header: string | null;
  /** Built when reading starts (a format may need a side file first). */
  parser: () => Promise<LineParser<T>>;
}

/**
 * Streams the rows of one file, skipping and recording malformed lines in `report` (updated in
 * place as rows are read). Blank lines are skipped silently but still count for line numbers.
 * A hand-written iterator rather than an async generator: rows within a batch come back as
 * already-resolved promises, which keeps the per-row cost low on 10^7-row files.
 */
export class RowStream<T> implements AsyncIterableIterator<T> {
  private batches: AsyncGenerator<LineBatch> | null = null;
  private parse: LineParser<T> = () => "not started";
  private lines: string[] = [];
  private index = 0;
  private lineNo = 0;
  private bytes = 0;
  private totalBytes = 0;
  private lastProgress = 0;
  private done = false;

  constructor(
    private readonly source: RowSource<T>,
    private readonly report: LoadReport,
    private readonly opts: LoadOptions = {},
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    try {
      const row = this.nextInBatch();
      return row === undefined ? this.nextBatch() : Promise.resolve({ value: row, done: false });
    } catch (error) {
      return this.fail(error);
    }
  }

  async return(): Promise<IteratorResult<T>> {
    this.done = true;
    await this.batches?.return(undefined);
    return { value: undefined, done: true };
  }

  /** The next good row of the current batch, recording malformed ones on the way. */
  private nextInBatch(): T | undefined {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index++] as string;
      this.lineNo += 1;
      if (this.lineNo === 1 && this.source.header !== null) {
        checkHeader(line, this.source);
        continue;
      }
      if (line === "") continue;
      const row = this.parse(line);
      if (typeof row !== "string") {
        this.report.rows += 1;
        return row;
      }
      this.recordMalformed(row);
    }
    return undefined;
  }

  /** Closes the file before passing on an error, since for-await does not call `return()` on a rejection. */
  private async fail(error: unknown): Promise<never> {
    await this.return();
    throw error;
  }

  private async nextBatch(): Promise<IteratorResult<T>> {
    try {
      return await this.readNextBatch();
    } catch (error) {
      return this.fail(error);
    }
  }

  private async readNextBatch(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.done) return { value: undefined, done: true };
      if (this.batches === null) await this.start();
      const batch = await (this.batches as AsyncGenerator<LineBatch>).next();
      if (batch.done) return this.finish();
      this.lines = batch.value.lines;
      this.index = 0;
      this.bytes = batch.value.bytesRead;
      this.progress(false);
      const row = this.nextInBatch();
      if (row !== undefined) return { value: row, done: false };
    }
  }

  private async start(): Promise<void> {
    this.parse = await this.source.parser();
    const file = await openDataFile(this.source.path);
    this.totalBytes = file.size;
    this.lastProgress = performance.now();
    this.batches = readLineBatches(file, this.source.encoding);
  }

  private finish(): IteratorResult<T> {
    this.done = true;
    if (this.lineNo === 0 && this.source.header !== null) {
      throw new DataFileError(
        `Data file ${this.source.path} is empty; expected the header "${this.source.header}"`,
      );
    }
    this.progress(true);
    return { value: undefined, done: true };
  }

  private recordMalformed(reason: string): void {
    this.report.malformed += 1;
    if (this.report.samples.length < SAMPLE_LIMIT) {
      this.report.samples.push({ file: this.report.file, line: this.lineNo, reason });
    }
  }

  /** Calls `onProgress` at most every ~100 ms, plus once at the end. */
  private progress(final: boolean): void {
    if (this.opts.onProgress === undefined) return;
    const now = performance.now();
    if (!final && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    const { path: file } = this.source;
    this.opts.onProgress({ file, bytes: this.bytes, totalBytes: this.totalBytes, rows: this.report.rows });
  }
}

function checkHeader(line: string, source: RowSource<unknown>): void {
  const found = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (found.trim() !== source.header) {
    throw new DataFileError(
      `Data file ${source.path} starts with "${found.slice(0, 80)}", expected the header "${source.header}"; is it the right format?`,
    );
  }
}
