/** What a launcher needs: a root folder for run folders and a line logger for progress. */
export interface LauncherOptions {
  readonly root: string;
  readonly log: (line: string) => void;
}
