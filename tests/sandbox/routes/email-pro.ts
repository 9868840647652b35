// E-mail Pro: /email/pro/{service}/...

import { addRoute, type Routes } from './handler.ts';
import { simpleBinding } from './platform/binding.ts';
import { platformRoutes } from './platform/index.ts';

export const emailProBinding = simpleBinding('emailpro', '/email/pro/{service}', 'tasks');

export function emailProRoutes(routes: Routes, exists: (m: string, t: string) => boolean): void {
  addRoute(routes, 'GET', '/email/pro', (request) =>
    request.sandbox.state.platforms.filter((s) => s.kind === 'emailpro').map((s) => s.name),
  );
  platformRoutes(routes, emailProBinding, exists);
}
