import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domain, exchange, mxplan, pro, zone } from '../../../lib/ovh-api/index.ts';
import { generateAll } from '../../../scripts/gen-ovh-api.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe('generated schemas', () => {
  it('are up to date with the vendored schemas (run `npm run gen:ovh-api`)', async () => {
    const files = await generateAll(ROOT);
    expect([...files.keys()].sort()).toEqual([
      'lib/ovh-api/generated/domain.ts',
      'lib/ovh-api/generated/exchange.ts',
      'lib/ovh-api/generated/mxplan.ts',
      'lib/ovh-api/generated/pro.ts',
      'lib/ovh-api/generated/zone.ts',
    ]);
    for (const [path, expected] of files) {
      expect(await readFile(join(ROOT, path), 'utf8'), path).toBe(expected);
    }
  });

  it('carry the official enum values', () => {
    expect(exchange.TaskStatusEnumSchema.options).toEqual([
      'cancelled',
      'doing',
      'done',
      'error',
      'todo',
    ]);
    expect(pro.DomainTypeEnumSchema.options).toEqual(['authoritative', 'nonAuthoritative']);
    expect(exchange.ServiceOfferEnumSchema.options).toEqual([
      'dedicated',
      'dedicatedCluster',
      'hosted',
      'provider',
    ]);
    expect(pro.ObjectStateEnumSchema.options).toContain('unknown');
    expect(exchange.ObjectStateEnumSchema.options).not.toContain('unknown');
    expect(domain.MigrationServiceTypeSchema.options).toContain('EMAIL PRO');
    expect(zone.RecordTypeEnumSchema.options).toEqual(expect.arrayContaining(['MX', 'SRV', 'TXT']));
  });

  it('carry the official field names', () => {
    expect(Object.keys(exchange.DomainSchema.shape)).toEqual(
      expect.arrayContaining([
        'mxRelay',
        'expectedMX',
        'expectedSPF',
        'cnameToCheck',
        'taskPendingId',
      ]),
    );
    expect(Object.keys(exchange.ExchangeAccountProtocolSchema.shape)).toEqual(
      expect.arrayContaining(['IMAP', 'POP', 'webMail', 'activeSync']),
    );
    expect(Object.keys(domain.MigrationCheckStructSchema.shape)).toEqual(
      expect.arrayContaining(['error', 'warning', 'alias', 'forward', 'filter']),
    );
    expect(Object.keys(mxplan.AccountCapabilitiesSchema.shape)).toEqual(['quotas']);
  });

  it('list the writable fields of each model, from the readOnly flags', () => {
    expect(exchange.writableFields.Domain).toEqual(['mxRelay', 'type']);
    expect(pro.writableFields.Domain).toEqual(['mxRelay', 'type']);
    expect(pro.writableFields.AccountNative).toEqual([]);
    expect(pro.writableFields.Account).toEqual(
      expect.arrayContaining(['login', 'domain', 'displayName']),
    );
    expect(pro.writableFields.Account).not.toContain('primaryEmailAddress');
    expect(domain.writableFields.Account).toEqual(['description', 'size']);
    expect(zone.writableFields.ZoneRecordUpdate).toEqual(['subDomain', 'target', 'ttl']);
  });

  it('parse tolerantly: extra fields stripped, missing nullable fields read as null', () => {
    const parsed = exchange.TaskSchema.parse({
      id: 1,
      function: 'addAccount',
      status: 'done',
      todoDate: '2024-07-01T10:00:00+02:00',
      extra: true,
    });
    expect(parsed).toEqual({
      id: 1,
      function: 'addAccount',
      status: 'done',
      todoDate: '2024-07-01T10:00:00+02:00',
      finishDate: null,
    });
    expect(exchange.TaskSchema.safeParse({ ...parsed, status: 'finished' }).success).toBe(false);
  });
});
