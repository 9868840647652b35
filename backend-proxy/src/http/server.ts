import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ErrorCode,
  ErrorResponseSchema,
  type ProxyError,
} from '../../../lib/proxy-contract/index.ts';
import type { PairingDesk } from '../auth/pairing.ts';
import { checkToken } from '../auth/token.ts';
import { isOriginAllowed, type ProxyConfig } from '../config.ts';
import { isProxyFailure, ProxyFailure } from '../errors.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { Logger } from '../log.ts';
import { readJsonBody, readQuery, StatusFailure, summarizeIssues } from './body.ts';
import { compileRoutes, findRoute, type RouteHandlers } from './router.ts';
import { credentialsRoutes } from './routes/credentials.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { pairingRoutes } from './routes/pairing.ts';
import type { SseTiming } from './sse.ts';

export interface HttpServerOptions {
  config: Pick<ProxyConfig, 'host' | 'port' | 'allowOrigins'>;
  /** The pairing token every request must carry as `Authorization: Bearer <token>`. */
  token: string;
  jobs: JobService;
  /**
   * One-step pairing (`/v1/pairing...`). Without it those routes answer 404, and the token is
   * pasted by hand (a proxy off loopback).
   */
  pairing?: PairingDesk;
  /** The proxy's version, shown by `GET /v1/health`. */
  version: string;
  log: Logger;
  /**
   * Event-stream pacing; tests shorten it.
   * @default { keepAliveMs: 15_000, minIntervalMs: 250 }
   */
  sse?: Partial<SseTiming>;
}

export interface HttpServer {
  /** Binds `config.host:config.port`; rejects with Node's error (e.g. `EADDRINUSE`). */
  listen(): Promise<{ url: string; port: number }>;
  /** Ends event streams, stops accepting connections and waits for open requests. */
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden_host: 403,
  forbidden_origin: 403,
  host_not_allowed: 403,
  pairing_pending: 409,
  pairing_wrong_code: 403,
  pairing_expired: 410,
  pairing_cooldown: 429,
  not_found: 404,
  conflict: 409,
  credentials_required: 409,
  mailbox_mismatch: 409,
  cancelled: 409,
  internal: 500,
};
/** IMAP codes reach the HTTP layer when the mail server failed: a gateway error, not ours. */
const UPSTREAM_STATUS = 502;

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { config, token, jobs, log } = options;
  const handlers: RouteHandlers = {
    ...healthRoutes(options.version),
    ...credentialsRoutes(jobs),
    ...jobRoutes(jobs, options.sse),
    ...pairingRoutes({
      desk: options.pairing,
      version: options.version,
      allowOrigins: config.allowOrigins,
    }),
  };
  const routes = compileRoutes(handlers);
  const closing = new AbortController();
  /** `host:port` values accepted in the Host header; filled once the port is known. */
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    void handleRequest(req, res);
  });
  server.on('error', (error) => log.error('HTTP server error', { error }));

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = pathOf(req.url);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.once('close', () => logRequest(method, path, res.statusCode, started));
    try {
      // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 still sends its own name.
      const host = req.headers.host?.toLowerCase();
      if (!host || !allowedHosts.has(host)) {
        log.warn('Refused a request for a foreign host name', { host: req.headers.host });
        throw new ProxyFailure('forbidden_host');
      }
      const origin = req.headers.origin;
      if (origin !== undefined) {
        if (!isOriginAllowed(origin, config.allowOrigins)) {
          log.warn('Refused a request from a web origin', { origin });
          throw new ProxyFailure('forbidden_origin');
        }
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
        // Browsers send preflights without credentials, so they are answered before the token check.
        if (method === 'OPTIONS') return answerPreflight(req, res);
      }
      let found: ReturnType<typeof findRoute> | undefined;
      let missing: unknown;
      try {
        found = findRoute(routes, method, path);
      } catch (error) {
        missing = error;
      }
      // Only the pairing routes go without the token. Without it, an unknown route is a 401
      // like any other: nothing is learnt from it.
      if (!found?.compiled.route.public && !checkToken(req.headers.authorization, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        throw new ProxyFailure('unauthorized');
      }
      if (!found) throw missing;
      const { compiled, params } = found;
      const { route } = compiled;
      const query = readQuery(searchOf(req.url), route.query);
      const body = route.body ? await readJsonBody(req, route.body) : undefined;
      const reply = await compiled.handle({
        req,
        res,
        signal: closing.signal,
        log,
        params,
        body,
        query,
      });
      if ('streamed' in reply) return;
      const status = reply.status ?? route.status;
      if ('text' in reply) {
        sendText(res, status, reply);
        return;
      }
      const parsed = route.response.safeParse(reply.body);
      if (!parsed.success) {
        log.error('A reply did not match the contract', {
          path,
          issues: summarizeIssues(parsed.error.issues),
        });
        throw new ProxyFailure('internal');
      }
      sendJson(res, status, parsed.data);
    } catch (error) {
      sendFailure(res, error, path);
    }
  }

  function sendFailure(res: ServerResponse, error: unknown, path: string) {
    if (res.headersSent) {
      // An event stream already started: there is no way left to report the error.
      log.error('Request failed after its response started', { path, error });
      res.destroy();
      return;
    }
    let status: number;
    let body: ProxyError;
    if (error instanceof StatusFailure) {
      status = error.status;
      body = error.toJSON();
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    } else if (isProxyFailure(error)) {
      status = STATUS_BY_CODE[error.code] ?? UPSTREAM_STATUS;
      body = error.toJSON();
      if (status >= 500) log.error('Request failed', { path, error });
    } else {
      status = 500;
      body = new ProxyFailure('internal').toJSON();
      log.error('Unexpected error while handling a request', { path, error });
    }
    sendJson(res, status, ErrorResponseSchema.parse({ error: body }));
  }

  function logRequest(method: string, path: string, status: number, started: number) {
    const fields = { method, path, status, ms: Math.round(performance.now() - started) };
    if (status >= 500) log.error('Request', fields);
    else if (status >= 400) log.warn('Request', fields);
    else if (method === 'GET' || method === 'OPTIONS') log.debug('Request', fields);
    else log.info('Request', fields);
  }

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: config.host, port: config.port }, () => {
          server.off('error', reject);
          const { port } = server.address() as AddressInfo;
          const ownName = hostForUrl(config.host);
          allowedHosts = new Set([...LOOPBACK_NAMES, ownName].map((name) => `${name}:${port}`));
          resolve({ url: `http://${ownName}:${port}`, port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        closing.abort();
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // Streams ended just above leave keep-alive sockets that would hold close() open.
        setImmediate(() => server.closeIdleConnections());
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  // Chrome's Private Network Access asks before a page-like context may reach loopback.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  res.writeHead(204).end();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendText(
  res: ServerResponse,
  status: number,
  reply: { contentType: string; text: string; filename?: string },
): void {
  res.writeHead(status, {
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.text),
    ...(reply.filename
      ? { 'Content-Disposition': `attachment; filename="${reply.filename}"` }
      : {}),
  });
  res.end(reply.text);
}

function searchOf(url: string | undefined): URLSearchParams {
  try {
    return new URL(url ?? '/', 'http://proxy.invalid').searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://proxy.invalid').pathname;
  } catch {
    return '/';
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
