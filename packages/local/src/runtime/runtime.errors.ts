/** Base class of every error raised while starting or running the local runtime. */
export class LocalRuntimeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The data directory cannot be used (not ours to reset, unreadable clock file, ...). */
export class DataDirError extends LocalRuntimeError {}

/** A port the runtime needs is taken by another process. */
export class PortInUseError extends LocalRuntimeError {}
