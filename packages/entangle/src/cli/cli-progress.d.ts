// Minimal typings for the parts of cli-progress 3 the CLI uses (the package ships no types).
declare module 'cli-progress' {
  interface Options {
    format?: string;
    stream?: NodeJS.WritableStream;
    clearOnComplete?: boolean;
    hideCursor?: boolean;
    barsize?: number;
    fps?: number;
    autopadding?: boolean;
    barCompleteChar?: string;
    barIncompleteChar?: string;
  }
  export class GenericBar {
    update(value: number, payload?: Record<string, unknown>): void;
    update(payload: Record<string, unknown>): void;
    setTotal(total: number): void;
    getTotal(): number;
  }
  export class MultiBar {
    constructor(options: Options, preset?: Options);
    create(total: number, start: number, payload?: Record<string, unknown>): GenericBar;
    remove(bar: GenericBar): boolean;
    /** Prints `text` (which must end with a newline) above the bars on the next redraw. */
    log(text: string): void;
    stop(): void;
  }
  const Presets: { shades_classic: Options; rect: Options; legacy: Options };
  const cliProgress: { MultiBar: typeof MultiBar; Presets: typeof Presets };
  export default cliProgress;
}
