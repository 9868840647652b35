import {
  CredentialsTestRequestSchema,
  CredentialsTestResponseSchema,
} from '../../../../lib/proxy-contract/index.ts';
import type { JobService } from '../../jobs/job-service.ts';
import type { Route } from '../server.ts';

/** `POST /v1/credentials/test`: logs in to both sides before the user commits to a copy. */
export function credentialsRoutes(jobs: JobService): Route[] {
  return [
    {
      method: 'POST',
      path: '/credentials/test',
      handle: async (context) => ({
        status: 200,
        schema: CredentialsTestResponseSchema,
        body: await jobs.testCredentials(await context.body(CredentialsTestRequestSchema)),
      }),
    },
  ];
}
