import type { JobService } from '../../jobs/job-service.ts';
import type { RouteHandlers } from '../router.ts';

/** `POST /v1/credentials/test`: logs in to both sides before the user commits to a copy. */
export function credentialsRoutes(jobs: JobService): Pick<RouteHandlers, 'testCredentials'> {
  return {
    testCredentials: async ({ body }) => ({ body: await jobs.testCredentials(body) }),
  };
}
