import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/logger.ts";
import type {
  AnnIndexFactory,
  ArtifactFiles,
  BulkStore,
  ControlStore,
  FeatureCache,
} from "../../core/ports/index.ts";
import type { Progress, ProgressOptions } from "../../core/progress.ts";

/** What every offline job reads and writes through: the ports, a clock, a logger and a progress display. */
export interface JobDeps {
  readonly bulk: BulkStore;
  readonly cache: FeatureCache;
  readonly control: ControlStore;
  /** The file copy of published versions; publishing skips it when absent. */
  readonly files?: ArtifactFiles;
  /** Builds the nearest-neighbour indexes a version publishes; without it a version has none. */
  readonly ann?: AnnIndexFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly progress: (options: ProgressOptions) => Progress;
  /** A short unique id, e.g. for version suffixes; injected so runs can be reproduced in tests. */
  readonly newId: () => string;
}
