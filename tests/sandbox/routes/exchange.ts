// Hosted Exchange: /email/exchange/{organizationName}/service/{exchangeService}/...

import { objectNotFound } from '../http/api-error.ts';
import { addRoute, pathText, type Routes } from './handler.ts';
import type { PlatformBinding } from './platform/binding.ts';
import { platformRoutes } from './platform/index.ts';

const PREFIX = '/email/exchange/{organizationName}/service/{exchangeService}';

export const exchangeBinding: PlatformBinding = {
  kind: 'exchange',
  prefix: PREFIX,
  accountParam: 'primaryEmailAddress',
  accountTasks: 'tasks',
  service(request) {
    const organization = pathText(request, 'organizationName');
    const name = pathText(request, 'exchangeService');
    const svc = request.sandbox.state.platforms.find(
      (s) => s.kind === 'exchange' && s.organization === organization && s.name === name,
    );
    if (svc === undefined) throw objectNotFound('exchangeService', name);
    return svc;
  },
};

export function exchangeRoutes(routes: Routes, exists: (m: string, t: string) => boolean): void {
  const services = (request: Parameters<PlatformBinding['service']>[0]) =>
    request.sandbox.state.platforms.filter((s) => s.kind === 'exchange');
  addRoute(routes, 'GET', '/email/exchange', (request) => [
    ...new Set(services(request).map((s) => s.organization)),
  ]);
  addRoute(routes, 'GET', '/email/exchange/{organizationName}/service', (request) => {
    const organization = pathText(request, 'organizationName');
    const found = services(request).filter((s) => s.organization === organization);
    if (found.length === 0) throw objectNotFound('organizationName', organization);
    return found.map((s) => s.name);
  });
  platformRoutes(routes, exchangeBinding, exists);
}
