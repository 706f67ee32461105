export { checkCheckpointInput, checkWriteInput, isEmptyWrite } from "./cache-writes.ts";
export { checkNoSelfParent, neverStaged, unknownParents } from "./control-store-checks.ts";
export { validateExperiment } from "./experiment.ts";
export { checkLeaseInput, MAX_LEASE_FIELD_LENGTH } from "./lease.ts";
export { checkSubscribeOptions, MAX_GROUP_ID_LENGTH } from "./subscribe-options.ts";
