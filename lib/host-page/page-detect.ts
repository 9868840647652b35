/**
 * Which e-mail service the control panel shows, from the top frame's URL hash. Pure: the content
 * script calls it on load and on every location change (the final URL is the truth).
 */
import { type PageService, ROUTES } from './routes.ts';

export type { PageService } from './routes.ts';

/** The route's segments after the `#`, decoded, without the `web/` and `configuration/` prefixes. */
export function routeSegments(hash: string): string[] {
  const path = hash.replace(/^#!?/, '').split(/[?]/)[0] ?? '';
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  while (segments[0] === 'web' || segments[0] === 'configuration') segments.shift();
  return segments;
}

/** The service (and account) a control-panel URL or hash is about, or undefined. */
export function detectService(urlOrHash: string): PageService | undefined {
  const hashAt = urlOrHash.indexOf('#');
  const hash = hashAt === -1 ? '' : urlOrHash.slice(hashAt);
  const [app, ...rest] = routeSegments(hash);
  const route = ROUTES.find((r) => r.app === app);
  return route?.match(rest);
}

/** Whether two detections name the same service and account. */
export function sameService(a: PageService | undefined, b: PageService | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
