/** A catalogue entry; `title` is the text as the file has it, `year` parsed from its trailing `(YYYY)`. */
export interface Movie {
  itemId: string;
  title: string;
  year: number | null;
  genres: string[];
}

/** One explicit rating; `timestamp` is in milliseconds since the Unix epoch. */
export interface Rating {
  userId: string;
  itemId: string;
  rating: number;
  timestamp: number;
}

/** A skipped row: 1-based line number (a header is line 1) and why it was skipped. */
export interface MalformedRow {
  file: string;
  line: number;
  reason: string;
}

/** What one read of one file found: rows loaded, rows skipped, and the first skipped rows. */
export interface LoadReport {
  file: string;
  rows: number;
  malformed: number;
  /** The first 20 malformed rows. */
  samples: MalformedRow[];
}

export type DatasetFormat = "ml-latest" | "ml-100k" | "ml-1m";

export interface LoadProgress {
  file: string;
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface LoadOptions {
  /** Called at most about every 100 ms while reading, and once at the end of the file. */
  onProgress?: (p: LoadProgress) => void;
}

/** A rating data set on disk; each call to `movies()` / `ratings()` streams its file anew. */
export interface Dataset {
  format: DatasetFormat;
  dir: string;
  movies(opts?: LoadOptions): AsyncIterable<Movie>;
  /** Streams the file; never holds it in memory. */
  ratings(opts?: LoadOptions): AsyncIterable<Rating>;
  /** One report per file read so far (the latest read of each), updated as rows are read. */
  reports(): LoadReport[];
}
