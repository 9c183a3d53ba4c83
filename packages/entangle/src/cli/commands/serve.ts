// `entangle serve`: the local dashboard until Ctrl-C.
import { startDashboard } from '../../server/server.js';
import { CommandFailure, EXIT, UsageError } from '../exit-codes.js';
import { makeExecutor } from '../executor.js';
import { loadScenarios } from '../modules.js';
import { err, out, storeDir, type CommonOptions } from './common.js';

export interface ServeOptions extends CommonOptions {
  port: number;
  host: string;
  workers?: number;
  threads?: number;
}

export async function serveCommand(options: ServeOptions): Promise<number> {
  let dashboard;
  try {
    for (const warning of await loadScenarios()) err(`warning: ${warning}`);
    dashboard = await startDashboard({
      store: storeDir(options), port: options.port, host: options.host,
      makeExecutor: () => makeExecutor(options),
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new CommandFailure(new UsageError(`Port ${options.port} on ${options.host} is in use. Pass another --port (0 picks a free one).`), 'input');
    throw new CommandFailure(e, 'input');
  }
  // Listen for Ctrl-C before saying where the dashboard is: whoever reads that line may stop it at once.
  const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  out(`entangle dashboard: ${dashboard.url} (store ${dashboard.store.dir}). Press Ctrl-C to stop.`);
  await interrupted;
  err('Stopping the dashboard...');
  await dashboard.close();
  return EXIT.ok;
}
