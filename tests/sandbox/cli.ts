// `npm run sandbox`: starts the sandbox and prints what a person (or the proxy) needs to use it.
// Ctrl+C stops everything, Dovecot included.

import { parseArgs } from 'node:util';
import { startSandbox } from './index.ts';
import { addressOf } from './state/model.ts';

const USAGE = `Usage: npm run sandbox -- [options]
  --port <n>                  HTTP port (default 7465; 0 picks a free one)
  --host <addr>               listen address (default 127.0.0.1)
  --no-imap                   no Dovecot: API and panel only
  --task-step-ms <n>          time in todo and in doing per task (default 200)
  --new-address-delay-ms <n>  how long a renamed address stays unknown to changePassword (default 3000)
  --big-service-accounts <n>  accounts of emailpro-ab12345-2 (default 500)
  --verbose                   log task failures and crashes
  -h, --help`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'no-imap': { type: 'boolean' },
    'task-step-ms': { type: 'string' },
    'new-address-delay-ms': { type: 'string' },
    'big-service-accounts': { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const number = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} wants a whole number, got ${text}\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
};

const sandbox = await startSandbox({
  port: number('port', values.port, 7465),
  host: values.host ?? '127.0.0.1',
  imap: !values['no-imap'],
  taskStepMs: number('task-step-ms', values['task-step-ms'], 200),
  newAddressDelayMs: number('new-address-delay-ms', values['new-address-delay-ms'], 3000),
  bigServiceAccounts: number('big-service-accounts', values['big-service-accounts'], 500),
  log: values.verbose ? (line) => console.error(`[sandbox] ${line}`) : () => {},
});

const lines = [
  'OVHcloud sandbox ready.',
  `  Control panel   ${sandbox.managerUrl}#/web`,
  `  API base        ${sandbox.apiBase}`,
  `  Session cookie  ${sandbox.sessionCookie}`,
  `  Fresh login     ${sandbox.url}/auth/?action=disconnect&onsuccess=/manager/`,
  `  Test controls   ${sandbox.url}/__sandbox  (faults, stats, reset, idle)`,
];
if (sandbox.imapHosts.length > 0) {
  lines.push('', 'IMAP hosts (implicit TLS, certificate for the sandbox names):');
  for (const host of sandbox.imapHosts) lines.push(`  ${host.name}:993 -> 127.0.0.1:${host.port}`);
  const flags = sandbox.imapHosts
    .map((h) => `--allow-host ${h.name} --resolve ${h.name}:993=127.0.0.1:${h.port}`)
    .join(' ');
  lines.push(
    '',
    'Proxy flags:',
    `  ${flags}`,
    `and trust the sandbox CA: NODE_EXTRA_CA_CERTS=${sandbox.caFile} (or --insecure-tls)`,
  );
}
lines.push('', 'Seeded accounts (address, password, IMAP host):');
for (const svc of sandbox.state.platforms) {
  const configured = svc.accounts.filter((a) => a.configured);
  for (const account of configured.slice(0, 4)) {
    lines.push(
      `  ${addressOf(account).padEnd(36)} ${String(account.password).padEnd(20)} ${svc.hostname}`,
    );
  }
  if (configured.length > 4) lines.push(`  … and ${configured.length - 4} more on ${svc.name}`);
}
for (const domain of sandbox.state.legacy) {
  for (const account of domain.accounts) {
    const address = `${account.accountName}@${domain.domain}`;
    lines.push(`  ${address.padEnd(36)} ${account.password.padEnd(20)} ssl0.sandbox.test`);
  }
}
lines.push('', 'Ctrl+C stops the sandbox.');
console.log(lines.join('\n'));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the sandbox…');
  await sandbox.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
