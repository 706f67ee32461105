export type { Csr } from "./csr.ts";
export type { InteractionOptions, InteractionRow, Interactions } from "./interactions.ts";
export { buildInteractions } from "./interactions.ts";
export { implicitAlsLoss } from "./loss.ts";
export type { AlsModel } from "./model.ts";
export type { AlsParams, AlsSolver } from "./params.ts";
export { DEFAULT_ALS_PARAMS, validateAlsParams } from "./params.ts";
export { trainImplicitAls } from "./train.ts";
export type { AlsProgress, AlsTrainOptions } from "./train-options.ts";
