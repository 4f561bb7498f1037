/** Thrown (as a rejection) by every method of a store that has been closed. */
export class StoreClosedError extends Error {
  constructor(driver: string) {
    super(`the ${driver} store is closed`);
    this.name = 'StoreClosedError';
  }
}
