/**
 * The proxy's HTTP routes, declared once: method, path, request and response schemas, status.
 * The proxy serves exactly this table (backend-proxy/src/http/server.ts refuses to start with a
 * route missing or extra), and every client builds its requests from it: the extension's
 * background bridge, the migration tests' copy client, the test fixtures.
 */
import { type ZodType, z } from 'zod';
import { DeleteJobResponseSchema, JobListResponseSchema, JobViewSchema } from './jobs.ts';
import {
  API_PREFIX,
  CreateJobRequestSchema,
  CredentialsTestRequestSchema,
  CredentialsTestResponseSchema,
  HealthResponseSchema,
  ResumeJobRequestSchema,
} from './messages.ts';
import { PAIRING_ROUTES } from './pairing.ts';
import { JobReportSchema, ReportQuerySchema } from './report.ts';

export type RouteMethod = 'GET' | 'POST' | 'DELETE';

export interface ProxyRoute {
  readonly method: RouteMethod;
  /** Below `/v1`, with `:name` segments: `/jobs/:id/cancel`. */
  readonly path: string;
  /** Status of a successful answer. */
  readonly status: number;
  /**
   * The JSON body, strict (an unknown field is a 400 naming it). Absent: the route reads no body
   * (GET). A POST without a meaningful body still declares `EmptyBodySchema`.
   */
  readonly body?: ZodType;
  /** Query parameters, strict; absent: any query parameter is refused. */
  readonly query?: ZodType;
  /** The answer (a JSON body, or each event's data for an event stream). */
  readonly response: ZodType;
  /** `events`: a `text/event-stream` of `response` values instead of one JSON body. */
  readonly stream?: 'events';
  /** Needs no token: only the pairing routes, which hand the token out (pairing.ts). */
  readonly public?: boolean;
}

/** What a POST that needs nothing sends: no body, or `{}` (never anything else). */
export const EmptyBodySchema = z.strictObject({}).optional();

/** Every route of API v1, by the name clients call it. */
export const PROXY_ROUTES = {
  /** Lets the extension check, with its token, that it found its own proxy. */
  health: { method: 'GET', path: '/health', status: 200, response: HealthResponseSchema },
  /** Logs in to both sides and sizes each mailbox before a person commits to a copy. */
  testCredentials: {
    method: 'POST',
    path: '/credentials/test',
    status: 200,
    body: CredentialsTestRequestSchema,
    response: CredentialsTestResponseSchema,
  },
  /**
   * Creates a copy job and starts it at once. 409 `conflict` (naming the job in `jobId`) while
   * another job copies into the same destination account; the same `idempotencyKey` again
   * answers 200 with the job it created.
   */
  createJob: {
    method: 'POST',
    path: '/jobs',
    status: 201,
    body: CreateJobRequestSchema,
    response: JobViewSchema,
  },
  listJobs: { method: 'GET', path: '/jobs', status: 200, response: JobListResponseSchema },
  getJob: { method: 'GET', path: '/jobs/:id', status: 200, response: JobViewSchema },
  /** `event: progress` with the job's view, until the job ends. */
  jobEvents: {
    method: 'GET',
    path: '/jobs/:id/events',
    status: 200,
    response: JobViewSchema,
    stream: 'events',
  },
  cancelJob: {
    method: 'POST',
    path: '/jobs/:id/cancel',
    status: 200,
    body: EmptyBodySchema,
    response: JobViewSchema,
  },
  /** Continues a paused job, or re-runs a finished one (the cheap incremental pass). */
  resumeJob: {
    method: 'POST',
    path: '/jobs/:id/resume',
    status: 200,
    body: ResumeJobRequestSchema,
    response: JobViewSchema,
  },
  /** Once a job ended: removes it and its checkpoints (409 while it is queued, running or paused). */
  deleteJob: {
    method: 'DELETE',
    path: '/jobs/:id',
    status: 200,
    body: EmptyBodySchema,
    response: DeleteJobResponseSchema,
  },
  /**
   * The verification and, with `messages=true`, the per-message log; `format=csv` answers the
   * log as a CSV download (`text/csv`, columns MESSAGE_LOG_CSV_COLUMNS) instead.
   */
  getReport: {
    method: 'GET',
    path: '/jobs/:id/report',
    status: 200,
    query: ReportQuerySchema,
    response: JobReportSchema,
  },
  ...PAIRING_ROUTES,
} as const satisfies Record<string, ProxyRoute>;

export type ProxyRoutes = typeof PROXY_ROUTES;
export type RouteName = keyof ProxyRoutes;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** `{ id: string }` for `/jobs/:id/cancel`; `{}` for `/health`. */
export type RouteParams<R extends ProxyRoute> = { [K in ParamNames<R['path']>]: string };
/** What the route's body schema accepts (before defaults), or `undefined` without a body. */
export type RouteBody<R extends ProxyRoute> = R extends { body: ZodType }
  ? z.input<R['body']>
  : undefined;
export type RouteQuery<R extends ProxyRoute> = R extends { query: ZodType }
  ? z.input<R['query']>
  : undefined;
/** The answer, as the client sees it once checked. */
export type RouteResponse<R extends ProxyRoute> = z.output<R['response']>;

/**
 * The URL path of a route, below the host (`/v1/jobs/a%2Fb/cancel`), with each parameter
 * encoded as one path segment.
 */
export function routeUrl(
  route: ProxyRoute,
  params: Readonly<Record<string, string>> = {},
  query?: Readonly<Record<string, string | undefined>>,
): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path} needs :${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) search.set(name, value);
  }
  const text = search.toString();
  return `${API_PREFIX}${path}${text ? `?${text}` : ''}`;
}

/** Every route, as `[name, route]` pairs (for servers and tests that walk the table). */
export function listRoutes(): [RouteName, ProxyRoute][] {
  return Object.entries(PROXY_ROUTES) as [RouteName, ProxyRoute][];
}
