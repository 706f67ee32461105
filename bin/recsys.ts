#!/usr/bin/env -S node --import tsx
import { Command } from "commander";
import { dataFetchCommand } from "./commands/data-fetch.ts";
import { dataGenerateCommand } from "./commands/data-generate.ts";
import { demoCommand } from "./commands/demo.ts";
import { nearlineCommand } from "./commands/nearline.ts";
import { offlineCommand } from "./commands/offline.ts";
import { onlineCommand } from "./commands/online.ts";
import { produceCommand } from "./commands/produce.ts";
import { servicesCommand } from "./commands/services.ts";
import { runCommand } from "./run-command.ts";

/** The `recsys` CLI: each command is a composition root that loads config, builds adapters and runs one role. */
const program = new Command("recsys")
  .description("Starling: an event-driven recommender with offline, nearline and online tiers")
  .showHelpAfterError("(run with --help for usage)");

program.addCommand(demoCommand());
const data = new Command("data").description("get or make rating data sets");
data.addCommand(dataFetchCommand());
data.addCommand(dataGenerateCommand());
program.addCommand(data);
program.addCommand(offlineCommand());
program.addCommand(nearlineCommand());
program.addCommand(onlineCommand());
program.addCommand(produceCommand());
program.addCommand(servicesCommand());

await runCommand(() => program.parseAsync(process.argv));
