// The fake login: GET /auth/?action=disconnect&onsuccess=<url> opens a fresh session, sets its
// cookie and sends the browser back, which is where the real panel sends a user whose session
// expired (reference §2).

import type { ServerResponse } from 'node:http';
import { type Sessions, sessionCookieHeader } from './sessions.ts';

export function handleAuth(sessions: Sessions, response: ServerResponse, url: URL): void {
  const id = sessions.create();
  const wanted = url.searchParams.get('onsuccess') ?? '/manager/';
  // Only back into the sandbox: an open redirect helps nobody.
  let target = '/manager/';
  try {
    const parsed = new URL(wanted, url);
    if (parsed.origin === url.origin) target = parsed.pathname + parsed.search + parsed.hash;
  } catch {
    // keep the default
  }
  response.writeHead(302, {
    Location: target,
    'Set-Cookie': sessionCookieHeader(id),
    'Cache-Control': 'no-store',
  });
  response.end();
}
