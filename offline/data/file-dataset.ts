import { join } from "node:path";
import type { FormatSpec } from "./format-spec.ts";
import { RowStream } from "./row-stream.ts";
import type { Dataset, LoadOptions, LoadReport, Movie, Rating } from "./types.ts";

/** A Dataset over the files of `spec` in `dir`; each read streams its file and refreshes its report. */
export function createFileDataset(spec: FormatSpec, dir: string): Dataset {
  const reports = new Map<string, LoadReport>();
  const startReport = (file: string): LoadReport => {
    const report: LoadReport = { file, rows: 0, malformed: 0, samples: [] };
    reports.set(file, report);
    return report;
  };
  const moviesPath = join(dir, spec.moviesFile);
  const ratingsPath = join(dir, spec.ratingsFile);
  const { encoding } = spec;

  return {
    format: spec.format,
    dir,
    movies: (opts?: LoadOptions): AsyncIterable<Movie> => ({
      [Symbol.asyncIterator]: () => {
        const source = {
          path: moviesPath,
          encoding,
          header: spec.moviesHeader,
          parser: () => spec.movieParser(dir),
        };
        return new RowStream(source, startReport(moviesPath), opts);
      },
    }),
    ratings: (opts?: LoadOptions): AsyncIterable<Rating> => ({
      [Symbol.asyncIterator]: () => {
        const parser = async () => spec.parseRating;
        return new RowStream(
          { path: ratingsPath, encoding, header: spec.ratingsHeader, parser },
          startReport(ratingsPath),
          opts,
        );
      },
    }),
    reports: () => [...reports.values()].map((r) => ({ ...r, samples: [...r.samples] })),
  };
}
