// The slice of cli-progress (which ships no types) the CLI uses.
declare module "cli-progress" {
  /** Options shared by the bars. */
  export interface Options {
    format?: string;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    barsize?: number;
    noTTYOutput?: boolean;
    notTTYSchedule?: number;
    stream?: NodeJS.WritableStream;
  }
  /** One progress bar. */
  export class SingleBar {
    constructor(options: Options, preset?: unknown);
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }
  /** Several bars drawn together. */
  export class MultiBar {
    constructor(options: Options, preset?: unknown);
    create(total: number, startValue: number, payload?: Record<string, unknown>): SingleBar;
    log(text: string): void;
    stop(): void;
  }
  export const Presets: { shades_classic: unknown; shades_grey: unknown; rect: unknown; legacy: unknown };
}
