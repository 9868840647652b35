// Every implemented operation, keyed `METHOD template`. A key that is not in the schemas fails
// at start: the sandbox cannot drift from the vendored API description.

import type { RouteTable } from '../schema/route-table.ts';
import { domainZoneRoutes } from './domain-zone.ts';
import { emailDomainRoutes } from './email-domain.ts';
import { emailDomainMigrateRoutes } from './email-domain-migrate.ts';
import { emailProRoutes } from './email-pro.ts';
import { exchangeRoutes } from './exchange.ts';
import type { Routes } from './handler.ts';
import { mxPlanRoutes } from './mxplan.ts';

export function allRoutes(table: RouteTable): Routes {
  const routes: Routes = new Map();
  const exists = (method: string, template: string) => table.has(method, template);
  exchangeRoutes(routes, exists);
  emailProRoutes(routes, exists);
  mxPlanRoutes(routes, exists);
  emailDomainRoutes(routes);
  emailDomainMigrateRoutes(routes);
  domainZoneRoutes(routes);
  for (const key of routes.keys()) {
    const [method, template] = key.split(' ') as [string, string];
    if (!table.has(method, template)) throw new Error(`sandbox route ${key} is not in the schemas`);
  }
  return routes;
}
