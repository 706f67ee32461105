/** Layer rules from docs/architecture.md §2, checked by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: "online-not-offline",
      comment: "online and offline share only through core/ and schemas/",
      severity: "error",
      from: { path: "^online/" },
      to: { path: "^offline/" },
    },
    {
      name: "offline-not-online",
      comment: "offline and online share only through core/ and schemas/",
      severity: "error",
      from: { path: "^offline/" },
      to: { path: "^online/" },
    },
    {
      name: "core-not-infra",
      comment: "core holds ports and pure code; adapters live in infra/",
      severity: "error",
      from: { path: "^core/" },
      to: { path: "^(infra|offline|nearline|online|bin)/" },
    },
    {
      name: "schemas-are-leaves",
      comment: "schemas are the contracts every tier imports; they import no tier",
      severity: "error",
      from: { path: "^schemas/" },
      to: { path: "^(core|infra|offline|nearline|online|bin)/" },
    },
    {
      name: "tiers-not-infra",
      comment: "tiers code against ports; adapters are wired only in bin/ composition roots and tests",
      severity: "error",
      from: { path: "^(offline|nearline|online)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^infra/" },
    },
    {
      name: "algorithms-are-pure",
      comment: "algorithms take typed arrays, never ports, files or sockets",
      severity: "error",
      from: { path: "^offline/algorithms/" },
      to: {
        path: "^(infra|core/ports)/|^(node:)?(fs|net|http|https|child_process|dgram)$",
        dependencyTypes: ["local", "core"],
      },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "node_modules" },
  },
};
