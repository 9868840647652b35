// New MX Plan (E-mail-Pro-like API): /email/mxplan/{service}/... Its account tasks live under
// `.../task` (singular), and it has no domain creation: the domain comes with the service.

import { addRoute, type Routes } from './handler.ts';
import { simpleBinding } from './platform/binding.ts';
import { platformRoutes } from './platform/index.ts';

export const mxPlanBinding = simpleBinding('mxplan', '/email/mxplan/{service}', 'task');

export function mxPlanRoutes(routes: Routes, exists: (m: string, t: string) => boolean): void {
  addRoute(routes, 'GET', '/email/mxplan', (request) =>
    request.sandbox.state.platforms.filter((s) => s.kind === 'mxplan').map((s) => s.name),
  );
  platformRoutes(routes, mxPlanBinding, exists);
}
