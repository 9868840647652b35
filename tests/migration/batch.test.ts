import { describe, expect, it } from 'vitest';
import {
  createMemoryRunStore,
  createMemorySecretStore,
  createMigrationRunner,
  parseBatchCsv,
  runBatch,
} from '../../lib/migration/index.ts';
import { compareSnapshots, snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { EX_HOST } from '../fixtures/sandbox-hosts.ts';
import { sandboxAdapters, sandboxClient } from '../platforms/helpers.ts';
import {
  EX1,
  httpCopyClient,
  JEAN,
  JEAN_PASSWORD,
  PRO1,
  snapshotEndpoint,
  useSandboxProxy,
} from './helpers.ts';

const { sandbox, proxy } = useSandboxProxy();

const MARIE = 'marie.martin@dupont-avocats.test';
const MARIE_PASSWORD = 'Mm-Sandbox-2025!';

describe('a batch of accounts, two at a time', () => {
  it('reads a CSV (comma or semicolon, quotes)', () => {
    expect(
      parseBatchCsv(
        'address;provisional_login;source_password\r\njean@x.test;jean.old;"a;b""c"\nmarie@x.test;;\n',
      ),
    ).toEqual([
      { address: 'jean@x.test', provisionalLogin: 'jean.old', sourcePassword: 'a;b"c' },
      { address: 'marie@x.test' },
    ]);
  });

  it('moves every runnable account, refuses the others with their reason, and reports on all', async () => {
    const before = {
      [JEAN]: await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, JEAN, JEAN_PASSWORD)),
      [MARIE]: await snapshotMailbox(snapshotEndpoint(sandbox(), EX_HOST, MARIE, MARIE_PASSWORD)),
    };
    const adapters = sandboxAdapters(sandboxClient(sandbox()));
    const copy = httpCopyClient(proxy().url, proxy().token);
    const accounts = parseBatchCsv(
      [
        'address,source_password',
        `${JEAN},${JEAN_PASSWORD}`,
        'accueil@dupont-avocats.test,Acc-Sandbox-2025!',
        `${MARIE},${MARIE_PASSWORD}`,
      ].join('\n'),
    );
    const report = await runBatch({
      source: EX1,
      destination: PRO1,
      accounts,
      adapters,
      copy,
      concurrency: 2,
      pollMs: 30,
      runner: (address) =>
        createMigrationRunner({
          runId: address,
          adapters,
          copy,
          store: createMemoryRunStore(),
          secrets: createMemorySecretStore(),
          pollMs: 30,
        }),
    });
    expect(report).toMatchObject({ completed: 2, failed: 0, refused: 1 });
    const refused = report.accounts.find((a) => a.status === 'refused');
    expect(refused?.address).toBe('accueil@dupont-avocats.test');
    expect(refused?.failedChecks?.map((c) => c.key)).toEqual(['preflight.imap.disabled']);

    const slots = new Set(report.accounts.map((a) => a.report?.destination.slot).filter(Boolean));
    expect(slots.size).toBe(2);
    for (const result of report.accounts.filter((a) => a.status === 'completed')) {
      const password = result.generatedPasswords?.destination;
      if (!password) throw new Error('no generated destination password');
      const destination = await snapshotMailbox(
        snapshotEndpoint(sandbox(), 'pro1.mail.sandbox.test', result.address, password),
      );
      const source = before[result.address as keyof typeof before];
      expect(compareSnapshots(source, destination)).toEqual([]);
    }
  });
});
