import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createOvhClient,
  isOvhApiError,
  OvhApiError,
  type OvhClientOptions,
  ovhPath,
  pro,
  reloginUrl,
} from '../../../lib/ovh-api/index.ts';
import { type Handler, ovhError, startOvhApiServer } from './helpers/ovh-api-server.ts';

let server: Awaited<ReturnType<typeof startOvhApiServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FAST_RETRY = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

async function clientFor(handler: Handler, options: OvhClientOptions = {}) {
  server = await startOvhApiServer(handler);
  return createOvhClient({
    baseUrl: server.baseUrl,
    rateLimit: false,
    retry: FAST_RETRY,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<OvhApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OvhApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const task = {
  id: 42,
  function: 'changePassword',
  status: 'todo',
  todoDate: '2024-07-01T10:00:00+02:00',
  finishDate: null,
};
const ACCOUNT_PATH = ovhPath`/email/pro/${'pro-1'}/account/${'john@example.com'}`;

describe('error answers', () => {
  const cases = [
    { status: 400, class: 'Client::BadRequest', message: 'Invalid login', code: 'bad_request' },
    {
      status: 401,
      class: 'Client::Unauthorized',
      message: 'You must login first',
      code: 'session_expired',
    },
    {
      status: 403,
      class: 'Client::Forbidden',
      message: 'This session is invalid',
      code: 'session_expired',
    },
    {
      status: 403,
      class: 'Client::Forbidden',
      message: 'This session is forbidden',
      code: 'session_expired',
    },
    {
      status: 403,
      class: 'Client::Forbidden',
      message: 'This call has not been granted',
      code: 'not_granted',
    },
    {
      status: 404,
      class: 'Client::NotFound',
      message: 'The requested object (email = john@example.com) does not exist',
      code: 'not_found',
    },
    {
      status: 409,
      class: 'Client::Conflict',
      message: 'A task is already pending',
      code: 'conflict',
    },
    {
      status: 460,
      class: 'Client::ServiceExpired',
      message: 'This service is expired',
      code: 'service_expired',
    },
    {
      status: 471,
      class: 'Client::LowPrivilegeSession',
      message: 'Low privilege session',
      code: 'low_privilege_session',
    },
  ] as const;

  for (const answer of cases) {
    it(`maps HTTP ${answer.status} "${answer.message}" to ${answer.code}, without retrying`, async () => {
      const client = await clientFor(() => ovhError(answer.status, answer.class, answer.message));
      const error = await failure(client.get(ACCOUNT_PATH, pro.AccountNativeSchema));
      expect(error).toMatchObject({
        name: 'OvhApiError',
        code: answer.code,
        status: answer.status,
        ovhClass: answer.class,
        message: answer.message,
        queryId: 'EU.ext-3.test.0',
        method: 'GET',
        path: '/email/pro/pro-1/account/john%40example.com',
      });
      expect(server?.requests).toHaveLength(1);
    });
  }

  it('keeps the IAM actions a 403 says are missing', async () => {
    const client = await clientFor(() =>
      ovhError(403, 'Client::Forbidden', 'User not granted for this request', {
        details: {
          unauthorizedActionsByAuthentication: '',
          unauthorizedActionsByIAM: 'emailpro:apiovh:account/edit,emailpro:apiovh:account/get',
        },
      }),
    );
    const error = await failure(client.put(ACCOUNT_PATH, { displayName: 'John' }));
    expect(error.code).toBe('not_granted');
    expect(error.missingActions).toEqual([
      'emailpro:apiovh:account/edit',
      'emailpro:apiovh:account/get',
    ]);
    expect(error.method).toBe('PUT');
  });

  it('gives a plain 403 an empty list of missing actions', async () => {
    const client = await clientFor(() => ovhError(403, 'Client::Forbidden', 'Not allowed'));
    const error = await failure(client.get('/email/pro', z.array(z.string())));
    expect(error).toMatchObject({ code: 'not_granted', missingActions: [] });
  });

  it('retries 429 with backoff, then surfaces rate_limited', async () => {
    const client = await clientFor(() => ovhError(429, 'Client::TooManyRequests', 'Slow down'));
    const error = await failure(client.get('/email/pro', z.array(z.string())));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, queryId: 'EU.ext-3.test.2' });
    expect(server?.requests).toHaveLength(3);
    expect(client.stats.requests).toBe(3);
  });

  it('retries 5xx and returns the answer once the server recovers', async () => {
    const client = await clientFor((_request, index) =>
      index < 2 ? ovhError(503, 'Server::ServiceUnavailable', 'Busy') : { body: ['pro-1'] },
    );
    await expect(client.get('/email/pro', z.array(z.string()))).resolves.toEqual(['pro-1']);
    expect(server?.requests).toHaveLength(3);
  });

  it('surfaces server_error once the attempts are spent', async () => {
    const client = await clientFor(() => ovhError(500, 'Server::InternalServerError', 'Internal'));
    const error = await failure(client.get(ACCOUNT_PATH, pro.AccountNativeSchema));
    expect(error).toMatchObject({
      code: 'server_error',
      status: 500,
      message: 'Internal',
      method: 'GET',
    });
    expect(server?.requests).toHaveLength(3);
  });

  it('never repeats a PUT or a DELETE by itself: its answer may be lost after it was applied', async () => {
    const client = await clientFor(() => ovhError(502, 'Server::BadGateway', 'Bad gateway'));
    expect((await failure(client.put(ACCOUNT_PATH, { displayName: 'x' }))).code).toBe(
      'server_error',
    );
    expect((await failure(client.delete(ACCOUNT_PATH, pro.TaskSchema))).code).toBe('server_error');
    expect(server?.requests.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
  });

  it('names "a pending task" as task_pending, not as a missing right', async () => {
    const client = await clientFor(() =>
      ovhError(
        403,
        'Client::Forbidden',
        'There is already a pending task (4521) on account jean@x.test',
      ),
    );
    const error = await failure(client.put(ACCOUNT_PATH, { displayName: 'x' }));
    expect(error).toMatchObject({ code: 'task_pending', status: 403 });
    expect(error.missingActions).toBeUndefined();
  });

  it('never retries a POST on 5xx: it may already have created a task', async () => {
    const client = await clientFor(() => ovhError(502, 'Server::BadGateway', 'Bad gateway'));
    const error = await failure(
      client.post(`${ACCOUNT_PATH}/changePassword`, { password: 'x' }, pro.TaskSchema),
    );
    expect(error.code).toBe('server_error');
    expect(server?.requests).toHaveLength(1);
  });

  it('retries a POST the caller marks idempotent', async () => {
    const client = await clientFor((_request, index) =>
      index === 0 ? ovhError(502, 'Server::BadGateway', 'Bad gateway') : { body: task },
    );
    const answer = await client.post(
      `${ACCOUNT_PATH}/changePassword`,
      { password: 'x' },
      pro.TaskSchema,
      {
        idempotent: true,
      },
    );
    expect(answer.id).toBe(42);
    expect(server?.requests).toHaveLength(2);
  });

  it('maps a dropped connection to network, after retrying', async () => {
    const client = await clientFor(() => ({ destroy: true }));
    const error = await failure(client.get('/email/pro', z.array(z.string())));
    expect(error.code).toBe('network');
    expect(error.queryId).toBeUndefined();
    expect(server?.requests).toHaveLength(3);
  });

  it('maps a slow answer to timeout', async () => {
    const client = await clientFor(() => ({ body: [], delayMs: 2_000 }), {
      timeoutMs: 50,
      retry: false,
    });
    const error = await failure(client.get('/email/pro', z.array(z.string())));
    expect(error).toMatchObject({ code: 'timeout', method: 'GET', path: '/email/pro' });
  });

  it('maps our own abort to cancelled', async () => {
    const controller = new AbortController();
    const client = await clientFor(() => {
      controller.abort();
      return { body: [], delayMs: 2_000 };
    });
    const error = await failure(
      client.get('/email/pro', z.array(z.string()), { signal: controller.signal }),
    );
    expect(error).toMatchObject({ code: 'cancelled', path: '/email/pro' });
  });

  it('reports an answer that breaks the schema as invalid_response naming the call', async () => {
    const client = await clientFor(() => ({ body: { ...task, status: 'finished', id: 'x' } }));
    const error = await failure(client.get('/email/pro/pro-1/task/42', pro.TaskSchema));
    expect(error.code).toBe('invalid_response');
    expect(error.queryId).toBe('EU.ext-3.test.0');
    expect(error.message).toMatch(/^Unexpected answer to GET \/email\/pro\/pro-1\/task\/42: /);
    expect(error.message).toContain('id: ');
    expect(error.message).toContain('status: ');
    expect(error.message).not.toContain('{');
  });

  it('reports a body that is not JSON as invalid_response', async () => {
    const client = await clientFor(() => ({ raw: '<html>maintenance</html>' }));
    const error = await failure(client.get('/email/pro', z.array(z.string())));
    expect(error.code).toBe('invalid_response');
  });
});

describe('errors across messaging', () => {
  it('round-trips through toJSON, structured cloning and fromJSON', () => {
    const error = new OvhApiError({
      code: 'not_granted',
      message: 'User not granted for this request',
      status: 403,
      ovhClass: 'Client::Forbidden',
      queryId: 'EU.ext-3.test.9',
      method: 'PUT',
      path: '/email/pro/pro-1/account/john%40example.com',
      missingActions: ['emailpro:apiovh:account/edit'],
      cause: new Error('not serialisable'),
    });
    const plain = structuredClone(error.toJSON());
    expect(isOvhApiError(plain)).toBe(true);
    expect(isOvhApiError(error)).toBe(true);
    const back = OvhApiError.fromJSON(plain);
    expect(back).toBeInstanceOf(OvhApiError);
    expect(back.toJSON()).toEqual(error.toJSON());
    expect(back.name).toBe('OvhApiError');
  });

  it('rejects look-alikes', () => {
    expect(isOvhApiError(new Error('x'))).toBe(false);
    expect(isOvhApiError({ name: 'OvhApiError', code: 'teapot', message: 'x' })).toBe(false);
    expect(isOvhApiError(null)).toBe(false);
  });
});

describe('reloginUrl', () => {
  const panel = 'https://manager.eu.ovhcloud.com/#/web/email_pro/pro-1?tab=ACCOUNT';
  it.each([
    [panel, 'https://www.ovh.com/auth/'],
    ['https://www.ovh.com/manager/#/web/exchange/org/svc', 'https://www.ovh.com/auth/'],
    ['https://manager.ca.ovhcloud.com/#/web/email_pro/x', 'https://ca.ovh.com/auth/'],
    ['https://ca.ovh.com/manager/#/web', 'https://ca.ovh.com/auth/'],
    ['https://manager.us.ovhcloud.com/#/web', 'https://us.ovhcloud.com/auth/'],
    ['https://us.ovhcloud.com/manager/#/web', 'https://us.ovhcloud.com/auth/'],
    ['not a url', 'https://www.ovh.com/auth/'],
  ])('sends %s to %s', (current, auth) => {
    expect(reloginUrl(current)).toBe(
      `${auth}?action=disconnect&onsuccess=${encodeURIComponent(current)}`,
    );
  });
});
