import { describe, expect, it } from 'vitest';
import { detectService, routeSegments } from '../../../lib/host-page/page-detect.ts';
import { OTHER_EXAMPLES, ROUTES } from '../../../lib/host-page/routes.ts';

describe('the control panel route table', () => {
  for (const route of ROUTES) {
    it(`${route.app}: every example URL gives what it says`, () => {
      expect(route.examples.length).toBeGreaterThan(0);
      for (const example of route.examples) {
        expect(detectService(example.url), example.url).toEqual(example.expect);
      }
    });
  }

  it('pages about no service give nothing', () => {
    for (const example of OTHER_EXAMPLES) expect(detectService(example.url)).toBeUndefined();
  });

  it('every entry has at least one example that names a service', () => {
    for (const route of ROUTES) {
      expect(route.examples.some((e) => e.expect !== undefined)).toBe(true);
    }
  });

  it('apps are listed once', () => {
    const apps = ROUTES.map((r) => r.app);
    expect(new Set(apps).size).toBe(apps.length);
  });

  it('strips the web/ and configuration/ prefixes and decodes segments', () => {
    expect(routeSegments('#/web/configuration/email_pro/a%40b')).toEqual(['email_pro', 'a@b']);
    expect(routeSegments('#/email_pro/x?tab=1')).toEqual(['email_pro', 'x']);
    expect(routeSegments('')).toEqual([]);
    // A bad escape stays as it is instead of throwing.
    expect(routeSegments('#/web/email_pro/%E0%A4%A')).toEqual(['email_pro', '%E0%A4%A']);
  });
});
