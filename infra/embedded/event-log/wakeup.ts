/** A sleep that can be cut short; a wake with nobody asleep makes the next sleep return at once, so none is lost. */
export class Wakeup {
  private pending = false;
  private wakeSleeper: (() => void) | undefined;

  /** Resolve after `ms`, or sooner on {@link wake}. */
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      timer = setTimeout(finish, ms);
      this.wakeSleeper = finish;
    });
  }

  /** End the current sleep, or the next one if nobody sleeps now. */
  wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.pending = true;
  }
}
