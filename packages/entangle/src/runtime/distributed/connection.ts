// Redis connection settings given as a URL or as { host, port, ... }, for BullMQ and for plain ioredis clients.
import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { EntangleError } from '../../core/errors.js';

/** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS), or ioredis options such as { host, port }. */
export type RedisConnection = string | ({ host: string; port: number } & Partial<Pick<RedisOptions, 'username' | 'password' | 'db' | 'tls'>>);

/** ioredis options for a connection; throws on a malformed URL. */
export function redisOptions(connection: RedisConnection): RedisOptions {
  if (typeof connection !== 'string') return { ...connection };
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new EntangleError(`Not a Redis URL: '${connection}'. Expected redis://host:port (e.g. redis://127.0.0.1:6379).`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new EntangleError(`Redis URL '${connection}' has protocol '${url.protocol}', expected redis: or rediss:.`);
  }
  const options: RedisOptions = { host: url.hostname || '127.0.0.1', port: url.port ? Number(url.port) : 6379 };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '') {
    if (!/^\d+$/.test(db)) throw new EntangleError(`Redis URL '${connection}' names database '${db}', expected a number (redis://host:port/0).`);
    options.db = Number(db);
  }
  if (url.protocol === 'rediss:') options.tls = {};
  return options;
}

/** Where the connection points, for messages (no password). */
export function describeConnection(connection: RedisConnection): string {
  const o = redisOptions(connection);
  return `redis://${o.host}:${o.port}${o.db ? `/${o.db}` : ''}`;
}

/**
 * A plain ioredis client (for artifacts and cancellation); commands fail instead of queueing forever when Redis is
 * down. Connection errors surface through the failing commands, so the client's own 'error' events are not printed.
 */
export function openRedis(connection: RedisConnection): Redis {
  const redis = new Redis({ ...redisOptions(connection), maxRetriesPerRequest: 3, lazyConnect: false });
  redis.on('error', () => {});
  return redis;
}

/** An error message without its final period, to be followed by more text. */
export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\.+$/, '');
}

/** The same settings as BullMQ connection options (BullMQ opens its own clients from them). */
export function bullmqConnection(connection: RedisConnection): ConnectionOptions {
  const { host, port, username, password, db, tls } = redisOptions(connection);
  return { host, port, ...(username ? { username } : {}), ...(password ? { password } : {}), ...(db !== undefined ? { db } : {}), ...(tls ? { tls } : {}) };
}
