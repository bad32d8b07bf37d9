/** The demo cycle could not run to its end (a stage got stuck, a link answered unexpectedly). */
export class DemoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A simulated person could not do on a page what they meant to: the field is not on the page, the value is not
 * among the options it offers, the field cannot be typed into, or the button is not there. A real person would be
 * stuck at the same place, so the demo stops and says where.
 */
export class FormFillError extends DemoError {
  constructor(
    message: string,
    readonly page: string,
    readonly field: string,
  ) {
    super(message);
  }
}
