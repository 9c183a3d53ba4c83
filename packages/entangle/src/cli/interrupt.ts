// Ctrl-C during a run: the first stops cleanly (abort signal, finished jobs stay in the store), the second quits at once.
import { EXIT } from './exit-codes.js';

export interface Interrupt {
  signal: AbortSignal;
  /** Removes the SIGINT handler. */
  dispose(): void;
}

/** Installs a SIGINT handler for the duration of a run; `say` prints to the user (nothing in --json mode). */
export function handleInterrupt(say: (line: string) => void): Interrupt {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) {
      say('Interrupted again: quitting now. Finished jobs are in the store; rerun the same command to resume.');
      process.exit(EXIT.interrupted);
    }
    say('Stopping after the running job (press Ctrl-C again to quit at once)...');
    controller.abort(new DOMException('Interrupted by SIGINT', 'AbortError'));
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
