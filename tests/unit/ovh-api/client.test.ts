import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createOvhClient,
  createRateLimiter,
  fillPath,
  isOvhApiError,
  type OvhClientOptions,
  ovhPath,
  pickFields,
  pro,
} from '../../../lib/ovh-api/index.ts';
import { type Handler, ovhError, startOvhApiServer } from './helpers/ovh-api-server.ts';

let server: Awaited<ReturnType<typeof startOvhApiServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Handler, options: OvhClientOptions = {}) {
  server = await startOvhApiServer(handler);
  return createOvhClient({ baseUrl: server.baseUrl, rateLimit: false, ...options });
}

const received = () => server?.requests ?? [];

function proAccount(email: string, extra: Record<string, unknown> = {}) {
  const [login = '', domain = ''] = email.split('@');
  return {
    SAMAccountName: null,
    configured: true,
    creationDate: '2023-01-01T00:00:00+01:00',
    currentUsage: 1024,
    deleteAtExpiration: null,
    displayName: login,
    domain,
    expirationDate: null,
    expirationOutlookDate: null,
    firstName: null,
    hiddenFromGAL: false,
    id: 7,
    initial: null,
    lastLogoffDate: null,
    lastLogonDate: null,
    lastName: null,
    lastUpdateDate: null,
    login,
    mailingFilter: ['vaderetro'],
    passwordLastUpdate: null,
    primaryEmailAddress: email,
    quota: 10_737_418_240,
    renewPeriod: 'monthly',
    spamAndVirusConfiguration: {
      checkDKIM: true,
      checkSPF: true,
      deleteSpam: false,
      deleteVirus: true,
      putInJunk: true,
      tagSpam: true,
      tagVirus: false,
    },
    spamDetected: false,
    spamTicketNumber: null,
    state: 'ok',
    taskPendingId: 0,
    ...extra,
  };
}

describe('paths', () => {
  it('encodes e-mail addresses in path segments, with either helper', async () => {
    const client = await clientFor(() => ({ body: proAccount('john+tag@example.com') }));
    const email = 'john+tag@example.com';
    await client.get(ovhPath`/email/pro/${'pro-1'}/account/${email}`, pro.AccountNativeSchema);
    await client.get(
      fillPath('/email/pro/{service}/account/{email}', { service: 'pro-1', email }),
      pro.AccountNativeSchema,
    );
    expect(received().map((request) => request.url)).toEqual([
      '/email/pro/pro-1/account/john%2Btag%40example.com',
      '/email/pro/pro-1/account/john%2Btag%40example.com',
    ]);
  });

  it('refuses to fill a template with a missing parameter', () => {
    expect(() => fillPath('/email/pro/{service}/account/{email}', { service: 'x' })).toThrow(
      /\{email\}/,
    );
  });

  it('sends query parameters encoded, leaving out undefined ones', async () => {
    const client = await clientFor(() => ({ body: [] }));
    await client.get('/email/pro/pro-1/account', z.array(z.string()), {
      query: { primaryEmailAddress: '%@configureme.me', id: undefined },
    });
    expect(received()[0]?.url).toBe(
      '/email/pro/pro-1/account?primaryEmailAddress=%25%40configureme.me',
    );
  });
});

describe('answers', () => {
  it('strips unknown fields and reads a missing nullable field as null', async () => {
    const { lastName: _dropped, ...withoutLastName } = proAccount('jane@example.com');
    const client = await clientFor(() => ({ body: { ...withoutLastName, brandNewField: 1 } }));
    const account = await client.get('/email/pro/pro-1/account/x', pro.AccountNativeSchema);
    expect(account.lastName).toBeNull();
    expect(account).not.toHaveProperty('brandNewField');
    expect(account.primaryEmailAddress).toBe('jane@example.com');
  });

  it('reads a task whose function is newer than the vendored schema', async () => {
    const client = await clientFor(() => ({
      body: {
        id: 1,
        function: 'someFutureFunction',
        status: 'doing',
        todoDate: 'x',
        finishDate: null,
      },
    }));
    const task = await client.get('/email/pro/pro-1/task/1', pro.TaskSchema);
    expect(task.function).toBe('someFutureFunction');
  });

  it('PUTs a JSON body built from the writable fields and returns nothing', async () => {
    const client = await clientFor(() => ({ raw: '' }));
    const account = pro.AccountNativeSchema.parse(proAccount('john@example.com'));
    const body = { ...pickFields(account, pro.writableFields.Account), login: 'john01' };
    await expect(client.put('/email/pro/pro-1/account/john%40example.com', body)).resolves.toBe(
      undefined,
    );
    const request = received()[0];
    expect(request?.method).toBe('PUT');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    const sent = JSON.parse(request?.body ?? '{}');
    expect(sent).toMatchObject({ login: 'john01', domain: 'example.com', quota: 10_737_418_240 });
    expect(sent).not.toHaveProperty('primaryEmailAddress');
    expect(sent).not.toHaveProperty('state');
  });

  it('DELETE returns the task it started', async () => {
    const task = {
      id: 9,
      function: 'deleteAccount',
      status: 'todo',
      todoDate: 'x',
      finishDate: null,
    };
    const client = await clientFor(() => ({ body: task }));
    await expect(client.delete('/email/pro/pro-1/account/x', pro.TaskSchema)).resolves.toEqual(
      task,
    );
    expect(received()[0]?.method).toBe('DELETE');
  });
});

describe('batch GET', () => {
  it('fetches many objects in one request; a failed entry is read again by itself', async () => {
    const ids = ['john+tag@example.com', 'jane@example.com', 'gone@example.com', 'odd@example.com'];
    const client = await clientFor((request) => {
      if (request.headers['x-ovh-batch'] === ',') {
        return {
          body: [
            { key: 'john+tag@example.com', value: proAccount('john+tag@example.com'), error: null },
            { key: 'jane@example.com', value: proAccount('jane@example.com'), error: null },
            {
              key: 'gone@example.com',
              value: null,
              error: 'The requested object (primaryEmailAddress = gone@example.com) does not exist',
            },
            { key: 'odd@example.com', value: { primaryEmailAddress: 42 }, error: null },
          ],
        };
      }
      // Alone, each one says what it is with a real status.
      if (request.url.endsWith('gone%40example.com')) {
        return ovhError(
          404,
          'Client::NotFound',
          'The requested object (primaryEmailAddress = gone@example.com) does not exist',
        );
      }
      return { body: { primaryEmailAddress: 42 } };
    });
    const accounts = await client.getBatch(
      '/email/pro/pro-1/account',
      ids,
      pro.AccountNativeSchema,
    );

    expect(received()).toHaveLength(3);
    expect(received()[0]?.headers['x-ovh-batch']).toBe(',');
    expect(received()[0]?.url).toBe(
      '/email/pro/pro-1/account/john%2Btag%40example.com,jane%40example.com,gone%40example.com,odd%40example.com',
    );
    expect(
      received()
        .slice(1)
        .map((r) => [r.url, r.headers['x-ovh-batch']]),
    ).toEqual([
      ['/email/pro/pro-1/account/gone%40example.com', undefined],
      ['/email/pro/pro-1/account/odd%40example.com', undefined],
    ]);

    const john = accounts.get('john+tag@example.com');
    expect(isOvhApiError(john)).toBe(false);
    if (!isOvhApiError(john)) expect(john?.primaryEmailAddress).toBe('john+tag@example.com');
    expect(accounts.get('gone@example.com')).toMatchObject({
      name: 'OvhApiError',
      code: 'not_found',
      status: 404,
      path: '/email/pro/pro-1/account/gone%40example.com',
    });
    expect(accounts.get('odd@example.com')).toMatchObject({ code: 'invalid_response' });
    expect([...accounts.keys()]).toEqual(ids);
  });

  it('a batch answer it cannot read (an error that is not a string) degrades to one GET per id', async () => {
    const client = await clientFor((request) =>
      request.headers['x-ovh-batch'] === ','
        ? { body: [{ key: 'a@example.com', value: null, error: { code: 500 } }] }
        : { body: proAccount(decodeURIComponent(request.url.split('/').pop() ?? '')) },
    );
    const ids = ['a@example.com', 'b@example.com'];
    const accounts = await client.getBatch(
      '/email/pro/pro-1/account',
      ids,
      pro.AccountNativeSchema,
    );
    expect(received()).toHaveLength(3);
    for (const id of ids) {
      const account = accounts.get(id);
      expect(isOvhApiError(account) ? account.code : account?.primaryEmailAddress).toBe(id);
    }
  });

  it('asks for at most 50 ids per request, as the control panel does', async () => {
    const ids = Array.from({ length: 120 }, (_, index) => `u${index}@x.test`);
    const client = await clientFor((request) => {
      const keys = (request.url.split('/').pop() ?? '').split(',').map(decodeURIComponent);
      return { body: keys.map((key) => ({ key, value: key, error: null })) };
    });
    const result = await client.getBatch('/email/pro/pro-1/account', ids, z.string());
    const sizes = received().map((r) => (r.url.split('/').pop() ?? '').split(',').length);
    expect(sizes).toEqual([50, 50, 20]);
    expect([...result.values()]).toEqual(ids);
  });

  it('matches numeric ids and flags an id the answer left out', async () => {
    const task = (id: number) => ({
      id,
      function: 'addAlias',
      status: 'done',
      todoDate: 'x',
      finishDate: 'y',
    });
    const client = await clientFor((request) =>
      request.headers['x-ovh-batch'] === ','
        ? { body: [{ key: '1', value: task(1), error: null }] }
        : ovhError(404, 'Client::NotFound', 'The requested object (id = 2) does not exist'),
    );
    const tasks = await client.getBatch('/email/pro/pro-1/task', [1, 2], pro.TaskSchema);
    expect(tasks.get(1)).toEqual(task(1));
    // Left out of the answer: read by itself, it turns out not to exist.
    expect(tasks.get(2)).toMatchObject({ code: 'not_found' });
  });

  it('splits long lists so every URL stays under 4 KB', async () => {
    const ids = Array.from({ length: 300 }, (_, index) => `user.number.${index}@example.com`);
    const client = await clientFor((request) => {
      const keys = (request.url.split('/').pop() ?? '').split(',').map(decodeURIComponent);
      return { body: keys.map((key) => ({ key, value: key, error: null })) };
    });
    const result = await client.getBatch('/email/pro/pro-1/account', ids, z.string());
    expect(received().length).toBeGreaterThan(1);
    for (const request of received()) {
      expect(`${server?.baseUrl}${request.url}`.length).toBeLessThan(4000);
    }
    expect([...result.values()]).toEqual(ids);
  });

  it('sends nothing for an empty list', async () => {
    const client = await clientFor(() => ({ body: [] }));
    expect((await client.getBatch('/email/pro/pro-1/account', [], z.string())).size).toBe(0);
    expect(received()).toHaveLength(0);
  });
});

describe('rate limit', () => {
  it('takes a token from a shared limiter for every request', async () => {
    let acquired = 0;
    const real = createRateLimiter({ perSecond: 1000, burst: 1000 });
    const limiter = {
      acquire(signal?: AbortSignal) {
        acquired += 1;
        return real.acquire(signal);
      },
    };
    const client = await clientFor(() => ({ body: [] }), { rateLimit: limiter });
    await client.get('/email/pro', z.array(z.string()));
    await client.get('/email/mxplan', z.array(z.string()));
    expect(acquired).toBe(2);
    expect(client.stats.requests).toBe(2);
  });
});
