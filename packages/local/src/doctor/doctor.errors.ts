/** Base class of every error the invariant checker raises (it reports inconsistencies as findings, not errors). */
export class DoctorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The table or the engine could not be read, so no verdict can be given. */
export class DoctorUnreachableError extends DoctorError {}
