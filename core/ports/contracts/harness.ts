/** How a contract suite gets adapters; the same suite runs against embedded and real-service adapters. */
export interface ContractHarness<T> {
  /** A new client over the harness's backing storage (same data dir / same cluster on every call), so a second call models a restart or a second process. */
  create(): Promise<T>;
  /** Let `ms` of time pass: advance a ManualClock for embedded adapters, really wait for services. */
  advance(ms: number): Promise<void>;
  /** Release what create() made (close clients, delete temp dirs); called once after the suite. */
  cleanup(): Promise<void>;
}
