import { describe, expect, it } from 'vitest';
import { applyDnsFix, planDnsFix } from '../../lib/migration/index.ts';
import { sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
import { useSandbox } from '../sandbox/helpers.ts';
import { MXPLAN } from './helpers.ts';

const sandbox = useSandbox({ imap: false, taskStepMs: 10 });
const PRO2 = { kind: 'email_pro' as const, service: 'emailpro-ab12345-2' };

describe('the destination domain’s DNS, corrected with one confirmation', () => {
  it('MX pointing elsewhere: replaced by the destination’s, then valid', async () => {
    const client = sandboxClient(sandbox());
    const adapters = sandboxAdapters(client);
    const before = await adapters.mxplan.getDomain(MXPLAN, 'cabinet-leroy.test');
    if (!before) throw new Error('no domain');
    expect(before.dns.mxValid).toBe(false);
    const fix = await planDnsFix(client, 'cabinet-leroy.test', before.dns);
    expect(fix.hosted).toBe(true);
    const mx = fix.changes.find((c) => c.kind === 'mx');
    expect(mx?.remove.map((r) => r.target)).toEqual(['1 mx.autre-hebergeur.test.']);
    expect(mx?.add.map((r) => r.target)).toEqual([
      '1 mx1.mail.sandbox.test.',
      '5 mx2.mail.sandbox.test.',
      '50 mx3.mail.sandbox.test.',
    ]);
    await expect(applyDnsFix(client, fix, { confirm: false })).rejects.toMatchObject({
      code: 'invalid_state',
    });
    await applyDnsFix(client, fix, { confirm: true });
    expect((await adapters.mxplan.getDomain(MXPLAN, 'cabinet-leroy.test'))?.dns.mxValid).toBe(true);
  });

  it('SPF and autodiscover missing: added', async () => {
    const client = sandboxClient(sandbox());
    const adapters = sandboxAdapters(client);
    const before = await adapters.email_pro.getDomain(PRO2, 'grand-groupe.test');
    if (!before) throw new Error('no domain');
    expect(before.dns).toMatchObject({ mxValid: true, spfValid: false, srvValid: false });
    const fix = await planDnsFix(client, 'grand-groupe.test', before.dns);
    expect(fix.changes.map((c) => c.kind)).toEqual(['spf', 'autodiscover']);
    await applyDnsFix(client, fix, { confirm: true });
    expect((await adapters.email_pro.getDomain(PRO2, 'grand-groupe.test'))?.dns).toMatchObject({
      mxValid: true,
      spfValid: true,
      srvValid: true,
    });
    // Nothing left to change.
    const again = await planDnsFix(
      client,
      'grand-groupe.test',
      (await adapters.email_pro.getDomain(PRO2, 'grand-groupe.test'))?.dns ?? before.dns,
    );
    expect(again.changes).toEqual([]);
  });
});
