/**
 * A local HTTP server that answers like OvhCloud's API v6: JSON bodies, `{class, message}` errors
 * and an `X-Ovh-QueryID` header on every answer. Each test gives it a handler and reads back the
 * requests it received, exactly as they came over the wire.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Raw request target (path and query, still percent-encoded), without `/engine/apiv6`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  /** @default 200 */
  status?: number;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Wait before answering, in milliseconds. */
  delayMs?: number;
  /** Drop the connection without answering (a network failure). */
  destroy?: boolean;
}

export type Handler = (request: ReceivedRequest, index: number) => Reply | Promise<Reply>;

export const API_PREFIX = '/engine/apiv6';

export async function startOvhApiServer(handler: Handler) {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = (req.url ?? '').startsWith(API_PREFIX)
      ? (req.url ?? '').slice(API_PREFIX.length)
      : (req.url ?? '');
    const request = {
      method: req.method ?? '',
      url,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const index = requests.push(request) - 1;
    const reply = await handler(request, index);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.writeHead(reply.status ?? 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Ovh-QueryID': `EU.ext-3.test.${index}`,
      ...reply.headers,
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An OvhCloud error answer. */
export const ovhError = (status: number, ovhClass: string, message: string, extra = {}): Reply => ({
  status,
  body: { class: ovhClass, message, ...extra },
});
