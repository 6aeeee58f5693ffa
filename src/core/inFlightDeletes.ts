// The lists being deleted right now in this window, by single and bulk deletes alike: the same list on the
// same environment is never sent two DELETEs at once.
export class InFlightDeletes {
  private readonly keys = new Set<string>();

  tryAcquire(environmentId: string, contactListId: string): boolean {
    const key = `${environmentId}/${contactListId}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }

  release(environmentId: string, contactListId: string): void {
    this.keys.delete(`${environmentId}/${contactListId}`);
  }

  /** Waits (abortably) until the list is free, then holds it. */
  async acquire(environmentId: string, contactListId: string, signal: AbortSignal): Promise<boolean> {
    while (!this.tryAcquire(environmentId, contactListId)) {
      if (signal.aborted) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return true;
  }
}
