// The sandbox refuses what the real API refuses, with the same kind of status and body, and
// what it answers conforms to the schemas. API only: no Dovecot needed.

import { describe, expect, it } from 'vitest';
import { api, useSandbox } from './helpers.ts';
import { loadCatalog } from './schema/catalog.ts';
import { buildRouteTable } from './schema/route-table.ts';

const sandbox = useSandbox({ imap: false, taskStepMs: 5 });
const PRO = '/email/pro/emailpro-ab12345-1';
const CLAIRE = `${PRO}/account/claire@boulangerie-petit.test`;
const EX = '/email/exchange/hosted-ab12345-1/service/hosted-ab12345-1';

function expectError(
  answer: Awaited<ReturnType<typeof api>>,
  status: number,
  cls: string,
  message: RegExp,
) {
  expect({ status: answer.status, class: answer.body.class }).toEqual({ status, class: cls });
  expect(answer.body.message).toMatch(message);
  expect(answer.headers.get('x-ovh-queryid')).toMatch(
    /^EU\.ext-\d\.[0-9a-f]+\.\d+\.[0-9a-f-]{36}$/,
  );
}

describe('routing', () => {
  it('answers an unknown path like the real API', async () => {
    const answer = await api(sandbox(), 'GET', '/email/pro/emailpro-ab12345-1/nothing/here');
    expectError(answer, 404, 'Client::NotFound', /^Got an invalid \(or empty\) URL$/);
    expect(Object.keys(answer.body)).toEqual(['class', 'message']);
  });

  it('answers a known path with a method it lacks with the same 404', async () => {
    expectError(
      await api(sandbox(), 'DELETE', '/email/pro'),
      404,
      'Client::NotFound',
      /invalid \(or empty\) URL/,
    );
    // MX Plan has no domain creation (E-mail Pro has).
    const mx = await api(sandbox(), 'POST', '/email/mxplan/mxplan-ab12345-1/domain', {
      name: 'a.test',
      type: 'authoritative',
    });
    expect(mx.status).toBe(404);
  });

  it('prefers a literal segment over a parameter', () => {
    const table = buildRouteTable(loadCatalog());
    const match = table.match('GET', '/email/domain/delegatedAccount');
    expect(match.kind === 'found' && match.entry.template).toBe('/email/domain/delegatedAccount');
    const param = table.match('GET', '/email/domain/example.test');
    expect(param.kind === 'found' && param.params).toEqual({ domain: 'example.test' });
  });

  it('says 501 for a schema operation it does not implement', async () => {
    const answer = await api(sandbox(), 'GET', `${CLAIRE}/diagnostics`);
    expectError(
      answer,
      501,
      'Server::NotImplemented',
      /does not implement GET \/email\/pro\/\{service\}\/account\/\{email\}\/diagnostics/,
    );
  });
});

describe('request checks', () => {
  it('refuses a body field the operation does not describe', async () => {
    const answer = await api(sandbox(), 'POST', `${CLAIRE}/changePassword`, {
      password: 'Abcdefgh-12',
      force: true,
    });
    expectError(
      answer,
      400,
      'Client::BadRequest',
      /^Received not described parameters: \(force\) while calling creation handler$/,
    );
  });

  it('refuses a missing required parameter, naming it', async () => {
    const answer = await api(sandbox(), 'POST', `${PRO}/domain`, { name: 'nouveau.test' });
    expectError(answer, 400, 'Client::BadRequest', /\[type\]/);
  });

  it('refuses a value outside an enum', async () => {
    const answer = await api(sandbox(), 'POST', `${PRO}/domain`, {
      name: 'nouveau.test',
      type: 'relay',
    });
    expectError(
      answer,
      400,
      'Client::BadRequest',
      /\[type\] Given data \(relay\) does not belong to the DomainTypeEnum enumeration/,
    );
  });

  it('refuses a string where a boolean or a long is expected', async () => {
    const flag = await api(sandbox(), 'POST', `${PRO}/domain`, {
      name: 'n.test',
      type: 'authoritative',
      configureMx: 'yes',
    });
    expectError(
      flag,
      400,
      'Client::BadRequest',
      /\[configureMx\] Given data is not valid for type boolean/,
    );
    const quota = await api(sandbox(), 'PUT', CLAIRE, { quota: '10' });
    expectError(
      quota,
      400,
      'Client::BadRequest',
      /\[quota\] Given data is not valid for type long/,
    );
  });

  it('refuses writing a read-only property', async () => {
    const answer = await api(sandbox(), 'PUT', CLAIRE, {
      displayName: 'Claire',
      primaryEmailAddress: 'x@boulangerie-petit.test',
    });
    expectError(answer, 400, 'Client::BadRequest', /\[primaryEmailAddress\] Property is read-only/);
    // Legacy MX Plan accounts cannot be renamed: accountName is read-only.
    const legacy = await api(
      sandbox(),
      'PUT',
      '/email/domain/fleuriste-bernard.test/account/contact',
      { accountName: 'boutique' },
    );
    expectError(legacy, 400, 'Client::BadRequest', /\[accountName\] Property is read-only/);
    // Only type and mxRelay of a domain are writable.
    const domain = await api(sandbox(), 'PUT', `${PRO}/domain/boulangerie-petit.test`, {
      name: 'other.test',
    });
    expect(domain.status).toBe(400);
  });

  it('types path and query parameters too', async () => {
    expectError(
      await api(sandbox(), 'GET', `${PRO}/task/twelve`),
      400,
      'Client::BadRequest',
      /\[id\] Given data is not valid for type long/,
    );
    expectError(
      await api(sandbox(), 'GET', `${PRO}/domain?state=fine`),
      400,
      'Client::BadRequest',
      /\[state\].*ObjectStateEnum/,
    );
    expectError(
      await api(sandbox(), 'GET', `${EX}/domain?main=True`),
      400,
      'Client::BadRequest',
      /\[main\].*boolean/,
    );
    expectError(
      await api(sandbox(), 'GET', `${PRO}/account?login=claire`),
      400,
      'Client::BadRequest',
      /not described parameters: \(login\)/,
    );
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${sandbox().apiBase}${CLAIRE}/changePassword`, {
      method: 'POST',
      headers: { Cookie: sandbox().sessionCookie, 'Content-Type': 'application/json' },
      body: '{password:',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).class).toBe('Client::BadRequest');
  });
});

describe('answers', () => {
  it('serves every seeded object in its family model (checked against the schema before sending)', async () => {
    const s = sandbox();
    const paths = [
      '/email/exchange',
      '/email/exchange/hosted-ab12345-2/service',
      EX,
      `${EX}/server`,
      `${EX}/protocol`,
      `${EX}/domain/dupont-avocats.test`,
      `${EX}/account/jean.dupont@dupont-avocats.test`,
      `${EX}/account/jean.dupont@dupont-avocats.test/alias/jdupont@dupont-avocats.test`,
      `${EX}/account/accueil@dupont-avocats.test/protocol`,
      PRO,
      `${PRO}/server`,
      `${PRO}/domain/atelier-martin.test`,
      CLAIRE,
      '/email/mxplan/mxplan-ab12345-1',
      '/email/mxplan/mxplan-ab12345-1/domain/cabinet-leroy.test',
      '/email/mxplan/mxplan-ab12345-1/account/sophie@cabinet-leroy.test',
      '/email/domain/garage-durand.test',
      '/email/domain/garage-durand.test/summary',
      '/email/domain/garage-durand.test/account/atelier',
      '/domain/zone/dupont-avocats.test',
    ];
    for (const path of paths) {
      const answer = await api(s, 'GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
    const claire = await api(s, 'GET', CLAIRE);
    expect(claire.body).toMatchObject({
      primaryEmailAddress: 'claire@boulangerie-petit.test',
      configured: true,
      state: 'ok',
    });
    // E-mail Pro's model has no Exchange-only fields.
    expect(claire.body).not.toHaveProperty('city');
    expect(
      (await api(s, 'GET', `${EX}/account/jean.dupont@dupont-avocats.test`)).body,
    ).toHaveProperty('city', null);
  });

  it('lists free slots with the primaryEmailAddress like-filter', async () => {
    const all = await api(sandbox(), 'GET', '/email/pro/emailpro-ab12345-2/account');
    expect(all.body).toHaveLength(500);
    const free = await api(
      sandbox(),
      'GET',
      '/email/pro/emailpro-ab12345-2/account?primaryEmailAddress=%25%40configureme.me',
    );
    expect(free.body).toHaveLength(480);
    const slot = await api(
      sandbox(),
      'GET',
      `/email/pro/emailpro-ab12345-2/account/${free.body[0]}`,
    );
    expect(slot.body).toMatchObject({ domain: 'configureme.me', configured: false });
    const one = await api(
      sandbox(),
      'GET',
      '/email/pro/emailpro-ab12345-2/account?primaryEmailAddress=employe07%25',
    );
    expect(one.body).toEqual(['employe07@grand-groupe.test']);
  });

  it('answers a batch GET with key, value and error per id', async () => {
    const answer = await api(
      sandbox(),
      'GET',
      `${PRO}/account/claire@boulangerie-petit.test,nobody@boulangerie-petit.test`,
      undefined,
      {
        headers: { 'X-Ovh-Batch': ',' },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(2);
    expect(answer.body[0]).toMatchObject({
      key: 'claire@boulangerie-petit.test',
      error: null,
      value: { configured: true },
    });
    expect(answer.body[1]).toEqual({
      key: 'nobody@boulangerie-petit.test',
      value: null,
      error: 'The requested object (email = nobody@boulangerie-petit.test) does not exist',
    });
    const tasks = await api(sandbox(), 'GET', `${PRO}/task/1,abc`, undefined, {
      headers: { 'X-Ovh-Batch': ',' },
    });
    expect(tasks.body.map((t: { error: string }) => t.error)).toEqual([
      'The requested object (id = 1) does not exist',
      '[id] Given data is not valid for type long',
    ]);
  });

  it('counts requests per method and template', async () => {
    const s = sandbox();
    s.resetStats();
    await api(s, 'GET', CLAIRE);
    await api(s, 'GET', `${PRO}/account/commandes@boulangerie-petit.test`);
    await api(s, 'GET', `${PRO}/account/a@b,c@d`, undefined, { headers: { 'X-Ovh-Batch': ',' } });
    await api(s, 'GET', '/no/such/path');
    const stats = await (await fetch(`${s.url}/__sandbox/stats`)).json();
    expect(stats).toEqual({
      total: 4,
      byRoute: { 'GET /email/pro/{service}/account/{email}': 3, 'GET /no/such/path': 1 },
    });
  });
});
