// The fake control panel is served same-origin with the API and behaves like the real container
// (hash routes, replaceState + ovh-routing-hash-change, product page in an iframe).

import { describe, expect, it } from 'vitest';
import { useSandbox } from './helpers.ts';

const sandbox = useSandbox({ imap: false });

describe('control panel', () => {
  it('serves the container with the product page in a same-origin iframe', async () => {
    const page = await fetch(sandbox().managerUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<iframe id="app"');
    expect(html).toContain("'/manager/app/' + hash");
    // In-app navigation: replaceState and the panel's own event, never a hashchange dispatch.
    expect(html).toContain('history.replaceState');
    expect(html).toContain("new CustomEvent('ovh-routing-hash-change'");
    expect(html).not.toMatch(/dispatchEvent\(new [A-Za-z]*Event\('hashchange'/);
  });

  it('serves a product page that reads the API with batch GETs and the session', async () => {
    const html = await (await fetch(`${sandbox().url}/manager/app/`)).text();
    expect(html).toContain("fetch('/engine/apiv6' + path");
    expect(html).toContain("'X-Ovh-Batch': ','");
    for (const route of ['exchange', 'email_pro', 'email_mxplan', 'email_domain']) {
      expect(html).toContain(`'${route}'`);
    }
    expect(html).toContain('/auth/?action=disconnect&onsuccess=');
  });

  it('sends / to the panel and refuses to log in towards another site', async () => {
    const root = await fetch(`${sandbox().url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/manager/');
    const away = await fetch(
      `${sandbox().url}/auth/?action=disconnect&onsuccess=https%3A%2F%2Fevil.example%2F`,
      {
        redirect: 'manual',
      },
    );
    expect(away.status).toBe(302);
    expect(away.headers.get('location')).toBe('/manager/');
  });

  it('describes itself on /__sandbox', async () => {
    const info = await (await fetch(`${sandbox().url}/__sandbox`)).json();
    expect(info).toMatchObject({
      apiBase: sandbox().apiBase,
      sessionCookie: sandbox().sessionCookie,
      imapHosts: [],
    });
    expect(info.implementedOperations).toBeGreaterThan(60);
  });
});
