// Control-panel sessions: a `SESSION` cookie set by the fake login (/auth/). Each session has a
// sequence number, so a fault can refuse the sessions opened before it while a new login works.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'SESSION';

export interface Sessions {
  /** Opens a session; returns its id (the cookie's value). */
  create(): string;
  /** The session's sequence number, `undefined` when unknown. */
  seqOf(id: string | undefined): number | undefined;
  /** Sequence number of the newest session. */
  readonly latest: number;
}

export function createSessions(): Sessions {
  const sessions = new Map<string, number>();
  let latest = 0;
  return {
    create() {
      const id = randomBytes(18).toString('base64url');
      latest += 1;
      sessions.set(id, latest);
      return id;
    },
    seqOf: (id) => (id === undefined ? undefined : sessions.get(id)),
    get latest() {
      return latest;
    },
  };
}

export function sessionIdOf(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

export function sessionCookieHeader(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
}
