import { ValidationError } from "../../errors.ts";
import type { Genre } from "../control-store.ts";

/** Throw when a genre names itself as its parent (no stored state could make that valid). */
export function checkNoSelfParent(genres: readonly Genre[]): void {
  const selfParent = genres.find((genre) => genre.parent === genre.name);
  if (selfParent !== undefined) {
    throw new ValidationError(`genre '${selfParent.name}' cannot be its own parent`, [
      { field: "parent", message: "must differ from name" },
    ]);
  }
}

/** The error for a genre batch that leaves genres pointing at parents that do not exist. */
export function unknownParents(orphans: readonly Genre[]): ValidationError {
  const described = orphans.map((genre) => `'${genre.name}' → '${genre.parent}'`).join(", ");
  return new ValidationError(
    `genre parent does not exist: ${described}`,
    orphans.map((genre) => ({
      field: "parent",
      message: `unknown genre '${genre.parent}' (parent of '${genre.name}')`,
    })),
  );
}

/** The error for an activation naming versions that were never staged; one issue per `[kind, version]`. */
export function neverStaged(
  unstaged: readonly (readonly [kind: string, version: string])[],
): ValidationError {
  const described = unstaged.map(([kind, version]) => `${kind}=${version}`).join(", ");
  return new ValidationError(
    `cannot activate versions that were never staged: ${described}; nothing was changed`,
    unstaged.map(([kind, version]) => ({
      field: `pointers.${kind}`,
      message: `version '${version}' was never staged`,
    })),
  );
}
