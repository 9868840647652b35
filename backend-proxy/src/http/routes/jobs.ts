import {
  CreateJobRequestSchema,
  JobListResponseSchema,
  JobReportSchema,
  JobViewSchema,
  ResumeJobRequestSchema,
} from '../../../../lib/proxy-contract/index.ts';
import type { JobService } from '../../jobs/job-service.ts';
import type { Route } from '../server.ts';
import { type SseTiming, streamJobEvents } from '../sse.ts';

/** `/v1/jobs...`: create, list, watch, cancel, resume and report on copy jobs. */
export function jobRoutes(jobs: JobService, timing?: Partial<SseTiming>): Route[] {
  return [
    {
      method: 'POST',
      path: '/jobs',
      handle: async (context) => ({
        status: 201,
        schema: JobViewSchema,
        body: await jobs.create(await context.body(CreateJobRequestSchema)),
      }),
    },
    {
      method: 'GET',
      path: '/jobs',
      handle: async () => ({
        status: 200,
        schema: JobListResponseSchema,
        body: { jobs: jobs.list() },
      }),
    },
    {
      method: 'GET',
      path: '/jobs/:id',
      handle: async (context) => ({
        status: 200,
        schema: JobViewSchema,
        body: jobs.get(context.param('id')),
      }),
    },
    {
      method: 'GET',
      path: '/jobs/:id/events',
      handle: async (context) => {
        streamJobEvents({
          res: context.res,
          jobs,
          id: context.param('id'),
          signal: context.signal,
          log: context.log,
          timing,
        });
        return { streamed: true };
      },
    },
    {
      method: 'POST',
      path: '/jobs/:id/cancel',
      handle: async (context) => ({
        status: 200,
        schema: JobViewSchema,
        body: await jobs.cancel(context.param('id')),
      }),
    },
    {
      method: 'POST',
      path: '/jobs/:id/resume',
      handle: async (context) => {
        const id = context.param('id');
        const request = await context.body(ResumeJobRequestSchema);
        return { status: 200, schema: JobViewSchema, body: await jobs.resume(id, request) };
      },
    },
    {
      method: 'GET',
      path: '/jobs/:id/report',
      handle: async (context) => ({
        status: 200,
        schema: JobReportSchema,
        body: jobs.report(context.param('id')),
      }),
    },
  ];
}
