export { createFileEventLog } from "./create-file-event-log.ts";
export { FileEventLog, type FileEventLogOptions } from "./file-event-log.ts";
