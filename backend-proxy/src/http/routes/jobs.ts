import type { JobService } from '../../jobs/job-service.ts';
import type { RouteHandlers } from '../router.ts';
import { type SseTiming, streamJobEvents } from '../sse.ts';

type JobRoutes =
  | 'createJob'
  | 'listJobs'
  | 'getJob'
  | 'jobEvents'
  | 'cancelJob'
  | 'resumeJob'
  | 'deleteJob'
  | 'getReport';

/** `/v1/jobs...`: create, list, watch, cancel, resume, delete and report on copy jobs. */
export function jobRoutes(
  jobs: JobService,
  timing?: Partial<SseTiming>,
): Pick<RouteHandlers, JobRoutes> {
  return {
    createJob: async ({ body }) => ({ body: await jobs.create(body) }),
    listJobs: async () => ({ body: { jobs: jobs.list() } }),
    getJob: async ({ params }) => ({ body: jobs.get(params.id) }),
    jobEvents: async ({ params, res, signal, log }) => {
      streamJobEvents({ res, jobs, id: params.id, signal, log, timing });
      return { streamed: true };
    },
    cancelJob: async ({ params }) => ({ body: await jobs.cancel(params.id) }),
    resumeJob: async ({ params, body }) => ({ body: await jobs.resume(params.id, body) }),
    deleteJob: async ({ params }) => ({ body: await jobs.delete(params.id) }),
    getReport: async ({ params, query }) => {
      if (query.format === 'csv') {
        return {
          contentType: 'text/csv; charset=utf-8',
          text: jobs.reportCsv(params.id),
          filename: `ovh-migrate-${params.id.replace(/[^A-Za-z0-9-]/g, '')}.csv`,
        };
      }
      return { body: jobs.report(params.id, { messages: query.messages === 'true' }) };
    },
  };
}
