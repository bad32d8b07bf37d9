/** The demo cycle could not run to its end (a stage got stuck, a link answered unexpectedly). */
export class DemoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
