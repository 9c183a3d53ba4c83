// The local dashboard: a node:http server (no framework) on 127.0.0.1 over one run store.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Executor } from '../runtime/executor.js';
import { InlineExecutor } from '../runtime/inline.js';
import { openStore, type Store } from '../store/store.js';
import { storeReportHtml } from '../cli/commands/report.js';
import { apiRoutes } from './api.js';
import { clientScript } from './client.js';
import { HttpError, Router, sendJson, sendText } from './http-util.js';
import { LaunchManager } from './launches.js';
import { dashboardPage } from './page.js';

export interface DashboardOptions {
  /** Store directory (created if missing). */
  store: string;
  /** Default 7777; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Executor for runs started from the page; default: a new InlineExecutor per run. */
  makeExecutor?: () => Executor;
}

export interface Dashboard {
  url: string;
  server: Server;
  store: Store;
  launches: LaunchManager;
  /** Cancels running launches, closes connections and the store. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** ECharts' browser bundle from node_modules, read once. */
let echartsBundle: Buffer | undefined;
function echarts(): Buffer {
  echartsBundle ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min'));
  return echartsBundle;
}

/**
 * Refuses requests whose Host is not this loopback server (DNS rebinding) and cross-site writes (an Origin
 * other than the server's own).
 */
function checkRequest(req: IncomingMessage, host: string): void {
  const hostHeader = req.headers.host ?? '';
  const hostname = hostHeader.replace(/:\d+$/, '');
  if (LOOPBACK.has(host) && !LOOPBACK.has(hostname)) throw new HttpError(403, `Host '${hostHeader}' is not this dashboard; open it as http://127.0.0.1:<port>/.`);
  const origin = req.headers.origin;
  if (req.method !== 'GET' && origin !== undefined && origin !== `http://${hostHeader}`) throw new HttpError(403, `Requests from ${origin} may not change this dashboard.`);
}

/** Starts the dashboard and resolves once it listens. */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? '127.0.0.1';
  const store = openStore(options.store);
  const launches = new LaunchManager(store, options.makeExecutor ?? (() => new InlineExecutor()));
  const router = apiRoutes(new Router(), store, launches)
    .on('GET', '/', (_req, res) => sendText(res, 200, 'text/html; charset=utf-8', dashboardPage(store.dir)))
    .on('GET', '/assets/dashboard.js', (_req, res) => sendText(res, 200, 'text/javascript; charset=utf-8', clientScript()))
    .on('GET', '/assets/echarts.min.js', (_req, res) => sendText(res, 200, 'text/javascript; charset=utf-8', echarts(), { 'cache-control': 'max-age=3600' }))
    .on('GET', '/report.html', (_req, res) => sendText(res, 200, 'text/html; charset=utf-8', storeReportHtml(store.dir, new Date().toISOString()).html));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      checkRequest(req, host);
      await router.handle(req, res, new URL(req.url ?? '/', 'http://localhost'));
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (res.headersSent) res.end();
      else sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7777, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server,
    store,
    launches,
    async close() {
      await launches.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
