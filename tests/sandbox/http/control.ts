// /__sandbox/*: the test-side switches, not part of OVHcloud's API (no session needed).
//   GET  /__sandbox              what is running (URLs, session cookie, IMAP hosts)
//   GET|POST|DELETE /__sandbox/faults   read / merge a patch (see faults.ts) / clear
//   GET|DELETE /__sandbox/stats          request counts per METHOD template / zero them
//   POST /__sandbox/reset        back to the seed (state, mailboxes, faults, stats)
//   POST /__sandbox/session      a new session cookie, as a login would give
//   GET  /__sandbox/idle         answers once no task is pending
//   POST /__sandbox/deliver      {to, raw}: mail arriving for `to`, routed to its one owner

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import type { FaultController } from '../faults.ts';
import { readBody, sendJson } from './io.ts';
import { type Sessions, sessionCookieHeader } from './sessions.ts';
import type { Stats } from './stats.ts';

export interface ControlDeps {
  faults: FaultController;
  stats: Stats;
  sessions: Sessions;
  info(): unknown;
  reset(): Promise<void>;
  idle(): Promise<void>;
  deliver(to: string, raw: string): Promise<unknown>;
}

export async function handleControl(
  deps: ControlDeps,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? 'GET';
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /__sandbox':
      return sendJson(response, 200, deps.info());
    case 'GET /__sandbox/faults':
      return sendJson(response, 200, deps.faults.current);
    case 'POST /__sandbox/faults': {
      let patch: unknown;
      try {
        patch = JSON.parse((await readBody(request)) || '{}');
        return sendJson(response, 200, deps.faults.set(patch as never));
      } catch (error) {
        const message =
          error instanceof ZodError ? error.message : `Invalid JSON: ${String(error)}`;
        return sendJson(response, 400, { class: 'Sandbox::BadFaults', message });
      }
    }
    case 'DELETE /__sandbox/faults':
      deps.faults.clear();
      return sendJson(response, 200, deps.faults.current);
    case 'GET /__sandbox/stats':
      return sendJson(response, 200, deps.stats.snapshot());
    case 'DELETE /__sandbox/stats':
      deps.stats.reset();
      return sendJson(response, 200, deps.stats.snapshot());
    case 'POST /__sandbox/reset':
      await deps.reset();
      return sendJson(response, 200, { reset: true });
    case 'POST /__sandbox/session': {
      const id = deps.sessions.create();
      response.setHeader('Set-Cookie', sessionCookieHeader(id));
      return sendJson(response, 200, { session: id, cookie: `SESSION=${id}` });
    }
    case 'POST /__sandbox/deliver': {
      let body: { to?: unknown; raw?: unknown };
      try {
        body = JSON.parse((await readBody(request)) || '{}');
      } catch (error) {
        return sendJson(response, 400, { class: 'Sandbox::BadJson', message: String(error) });
      }
      if (typeof body.to !== 'string' || typeof body.raw !== 'string') {
        return sendJson(response, 400, {
          class: 'Sandbox::BadDelivery',
          message: 'Give {to, raw}: the address and the RFC 5322 message.',
        });
      }
      return sendJson(response, 200, await deps.deliver(body.to, body.raw));
    }
    case 'GET /__sandbox/idle':
      await deps.idle();
      return sendJson(response, 200, { idle: true });
    default:
      return sendJson(response, 404, { class: 'Sandbox::NotFound', message: `No ${route}` });
  }
}
