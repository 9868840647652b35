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
  /** How a dead session is refused, `undefined` while it lives. */
  deathOf(id: string | undefined): 'invalid' | 'forbidden' | undefined;
  /** Every session opened so far dies, for good: only a new login works afterwards. */
  expireAll(how: 'invalid' | 'forbidden'): void;
  /** Brings the dead back (the sandbox's reset to its seed). */
  revive(): void;
  /** Sequence number of the newest session. */
  readonly latest: number;
}

export function createSessions(): Sessions {
  const sessions = new Map<string, number>();
  const dead = new Map<string, 'invalid' | 'forbidden'>();
  let latest = 0;
  return {
    create() {
      const id = randomBytes(18).toString('base64url');
      latest += 1;
      sessions.set(id, latest);
      return id;
    },
    seqOf: (id) => (id === undefined ? undefined : sessions.get(id)),
    deathOf: (id) => (id === undefined ? undefined : dead.get(id)),
    expireAll(how) {
      for (const id of sessions.keys()) if (!dead.has(id)) dead.set(id, how);
    },
    revive() {
      dead.clear();
    },
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
