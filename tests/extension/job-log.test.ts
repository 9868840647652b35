// The per-message log (JSON and CSV) and job deletion, as the panel asks for them: through the
// one message protocol (WXT's fake browser) to the background's proxy bridge, then to the real
// proxy process copying between two real Dovecot servers.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createProxyBridge } from '../../entrypoints/background/proxy-bridge.ts';
import { onMessages, sendMessage } from '../../lib/messaging.ts';
import { MESSAGE_LOG_CSV_COLUMNS } from '../../lib/proxy-contract/index.ts';
import type { ProxyPairing } from '../../lib/storage.ts';
import { type DovecotServer, startDovecot } from '../fixtures/dovecot.ts';
import { snapshotMailbox } from '../fixtures/imap-snapshot.ts';
import { makeMessage, seedMailbox } from '../fixtures/maildir.ts';
import { type ProxyProcess, startProxyProcess } from '../fixtures/proxy-process.ts';
import { backgroundHandlers } from './helpers.ts';

const SOURCE_PASSWORD = 'Log-Src-Pa55word';
const DEST_PASSWORD = 'Log-Dst-Pa55word';
// A Message-ID is written by whoever sent the mail; a spreadsheet would run this one.
const FORMULA_ID = '=HYPERLINK("http://evil.test","x")';

let source: DovecotServer;
let destination: DovecotServer;
let proxy: ProxyProcess;
let pairing: ProxyPairing | null;
let stop: (() => void) | undefined;
let users = 0;

beforeAll(async () => {
  [source, destination] = await Promise.all([startDovecot(), startDovecot()]);
  proxy = await startProxyProcess();
});
afterAll(async () => {
  await proxy?.kill();
  await Promise.all([source?.stop(), destination?.stop()]);
});
beforeEach(() => {
  fakeBrowser.reset();
  pairing = { url: proxy.url, token: proxy.token };
  const bridge = createProxyBridge({
    pairing: {
      getValue: async () => pairing,
      setValue: async (next) => {
        pairing = next;
      },
    },
  });
  stop = onMessages(backgroundHandlers(bridge));
});
afterEach(() => stop?.());

/** A fresh account on both servers, its source holding four messages in two folders. */
async function account(): Promise<string> {
  users += 1;
  const user = `log${users}@example.test`;
  await source.addUser(user, SOURCE_PASSWORD);
  await destination.addUser(user, DEST_PASSWORD);
  await seedMailbox(source, user, [
    {
      path: ['INBOX'],
      messages: [
        { raw: makeMessage({ subject: 'One', seed: 1 }) },
        { raw: makeMessage({ subject: 'Two', seed: 2, messageId: FORMULA_ID }) },
        { raw: makeMessage({ subject: 'Three', seed: 3 }), flags: ['\\Seen'] },
      ],
    },
    { path: ['Archives'], messages: [{ raw: makeMessage({ subject: 'Four', seed: 4 }) }] },
  ]);
  return user;
}

/** A finished copy job of a fresh account, started through the bridge. */
async function finishedJob(user: string): Promise<string> {
  const created = await sendMessage('proxy.createJob', {
    source: {
      host: source.host,
      port: source.port,
      tls: 'none',
      user,
      password: SOURCE_PASSWORD,
    },
    destination: {
      host: destination.host,
      port: destination.port,
      tls: 'none',
      user,
      password: DEST_PASSWORD,
    },
    options: { dryRun: false },
  });
  if (!created.ok) throw new Error(created.error.message);
  const job = await proxy.waitForJob(created.value.id);
  expect(job.state).toBe('completed');
  return job.id;
}

describe('a job’s per-message log through the background', () => {
  it('JSON: one checked entry per source message, the same as the proxy’s report', async () => {
    const user = await account();
    const id = await finishedJob(user);
    const log = await sendMessage('proxy.getMessageLog', { id });
    if (!log.ok) throw new Error(log.error.message);
    expect(log.value.jobId).toBe(id);
    expect(log.value.messages).toHaveLength(4);
    expect(new Set(log.value.messages.map((m) => m.outcome))).toEqual(new Set(['copied']));
    expect(log.value.messages.map((m) => m.folder).sort()).toEqual([
      'Archives',
      'INBOX',
      'INBOX',
      'INBOX',
    ]);
    expect(log.value.messages.find((m) => m.messageId === FORMULA_ID)).toMatchObject({
      destinationUid: expect.any(Number),
    });
    const direct = await proxy.call('getReport', {
      params: { id },
      query: { messages: 'true' },
    });
    expect(log.value.messages).toEqual(direct.body.messages);
    expect(JSON.stringify(log)).not.toContain(SOURCE_PASSWORD);
    expect(JSON.stringify(log)).not.toContain(DEST_PASSWORD);
  });

  it('CSV: the proxy’s text as is, formulas neutralised, no password', async () => {
    const user = await account();
    const id = await finishedJob(user);
    const reply = await sendMessage('proxy.getMessageLogCsv', { id });
    if (!reply.ok) throw new Error(reply.error.message);
    const direct = await proxy.call('getReport', { params: { id }, query: { format: 'csv' } });
    expect(reply.value).toEqual({ jobId: id, csv: direct.text });
    const lines = reply.value.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(MESSAGE_LOG_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(5);
    // The formula is quoted (it holds quotes and a comma) and starts with an apostrophe.
    expect(reply.value.csv).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(reply.value.csv).not.toContain(SOURCE_PASSWORD);
    expect(reply.value.csv).not.toContain(DEST_PASSWORD);
  });

  it('refuses a request that is not { id } without calling the proxy, and names a missing job', async () => {
    const secret = 'Pasted-By-Mistake-99';
    for (const type of [
      'proxy.getMessageLog',
      'proxy.getMessageLogCsv',
      'proxy.deleteJob',
    ] as const) {
      for (const data of [{ id: '' }, { id: 'a', password: secret }, { id: 7 }]) {
        const reply = await sendMessage(type, data as never);
        expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
        expect(JSON.stringify(reply)).not.toContain(secret);
      }
      const missing = await sendMessage(type, { id: '00000000-0000-4000-8000-000000000000' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('says unpaired when the proxy refuses the token, not_configured before pairing', async () => {
    pairing = { url: proxy.url, token: 'not-the-token' };
    expect(await sendMessage('proxy.getMessageLogCsv', { id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unpaired' },
    });
    pairing = null;
    expect(await sendMessage('proxy.getMessageLog', { id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    });
  });
});

describe('deleting a job through the background', () => {
  it('removes an ended job and its log, and leaves both mailboxes as they were', async () => {
    const user = await account();
    const id = await finishedJob(user);
    const before = await snapshotMailbox(destination.endpoint(user));
    expect(await sendMessage('proxy.deleteJob', { id })).toEqual({
      ok: true,
      value: { id, deleted: true },
    });
    expect(await sendMessage('proxy.getJob', { id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await sendMessage('proxy.getMessageLog', { id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await sendMessage('proxy.deleteJob', { id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const after = await snapshotMailbox(destination.endpoint(user));
    expect(after.messageCount).toBe(before.messageCount);
    expect((await snapshotMailbox(source.endpoint(user))).messageCount).toBe(4);
  });
});
