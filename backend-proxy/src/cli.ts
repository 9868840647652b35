import { createServer } from 'node:net';
import { join } from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import { createPairingDesk } from './auth/pairing.ts';
import { loadOrCreateToken } from './auth/token.ts';
import { ConfigError, DEFAULT_HOST, DEFAULT_PORT, type ProxyConfig, parseCli } from './config.ts';
import { isLoopbackHost, OVHCLOUD_IMAP_HOSTS } from './host-policy.ts';
import { createHttpServer } from './http/server.ts';
import { createLogger, type ProxyLogger } from './log.ts';
import { pairingText, startText } from './terminal.ts';

const NAME = 'ovh-migrate-proxy';
const VERSION = packageJson.version;

const HELP = `${NAME} ${VERSION}

The companion proxy of the OVHcloud mail migration extension. It copies mailboxes from one
IMAP server to another (byte for byte, resumable after a stop) from this computer. The
extension drives it through a small HTTP API on 127.0.0.1, protected by a pairing token that
the proxy keeps in its data directory and hands to the extension when you pair them (you type
in the extension a code the proxy shows), or that you paste by hand.

Usage: ${NAME} [options]

Options (a command-line flag wins over its environment variable):
  --port <number>          TCP port of the local API; 0 picks any free port.
                           env OVH_MIGRATE_PROXY_PORT, default ${DEFAULT_PORT}
  --host <address>         Address to listen on; must be loopback unless --allow-remote.
                           env OVH_MIGRATE_PROXY_HOST, default ${DEFAULT_HOST}
  --data-dir <path>        Where the pairing token, job checkpoints and proxy.log live.
                           env OVH_MIGRATE_PROXY_DATA_DIR, default $XDG_DATA_HOME/${NAME}
                           or ~/.local/share/${NAME} (Windows: %LOCALAPPDATA%\\${NAME},
                           macOS: ~/Library/Application Support/${NAME})
  --allow-host <host>      Also allow this IMAP server: an exact name, an IP address or a
                           pattern such as *.example.com. Repeat the flag for several.
                           env OVH_MIGRATE_PROXY_ALLOW_HOSTS (comma-separated),
                           default none (OVHcloud servers only)
  --allow-origin <origin>  Browser origin allowed to call the API, such as
                           chrome-extension://<id>. Repeat the flag for several.
                           env OVH_MIGRATE_PROXY_ALLOW_ORIGINS (comma-separated),
                           default any chrome-extension:// or moz-extension:// origin
  --resolve <name:port=address:port>
                           Connect to address:port whenever a job names name:port, like
                           curl's --resolve (test servers). The name must still be allowed.
                           env OVH_MIGRATE_PROXY_RESOLVE (comma-separated), default none
  --insecure-tls           Accept IMAP certificates that do not verify, and plain-text IMAP.
                           For tests only. env OVH_MIGRATE_PROXY_INSECURE_TLS=1, default off
  --split-folders <when>   Copy one large folder on several connections at once: auto
                           (unless the destination is Dovecot, where it is slower), always
                           or never. env OVH_MIGRATE_PROXY_SPLIT_FOLDERS, default auto
  --allow-remote           Permit a non-loopback --host. This exposes the proxy to your
                           network. No environment variable, default off
  -h, --help               Show this help.
  -v, --version            Show the version.

OVHcloud IMAP servers always allowed: ${OVHCLOUD_IMAP_HOSTS.join(', ')}

Example:
  ${NAME} --port ${DEFAULT_PORT}
  Then, in the extension, press "Pair with the proxy on this computer" and type the code
  the proxy shows (or paste the pairing token it prints).
`;

// Not a top-level await: the single executable runs this file as CommonJS (Node SEA). main()
// reports its own errors and sets the exit code.
void main();

async function main(): Promise<void> {
  let log: ProxyLogger | undefined;
  try {
    const command = parseCli(process.argv.slice(2));
    if (command.command === 'help') return void process.stdout.write(HELP);
    if (command.command === 'version') return void process.stdout.write(`${VERSION}\n`);
    const { config } = command;
    warnAboutRiskyOptions(config);
    const token = await loadOrCreateToken(config.dataDir);
    // The terminal is for a person (startText, pairing codes): routine lines go to proxy.log only.
    log = createLogger({ filePath: join(config.dataDir, 'proxy.log'), echoLevel: 'warn' });
    await start(config, token, log);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      log?.error('The proxy could not start', { error });
      process.stderr.write(`The proxy could not start: ${(error as Error).message}\n`);
    }
    await log?.close();
    process.exitCode = 1;
  }
}

async function start(config: ProxyConfig, token: string, log: ProxyLogger): Promise<void> {
  // Opening the job store can take a while and has effects; a busy port should fail before that.
  if (config.port !== 0) await assertPortFree(config);
  const [{ createJobManager }, { openSqliteJobStore }, { createImapConnector }] = await Promise.all(
    [
      import('./jobs/job-manager.ts'),
      import('./store/sqlite-job-store.ts'),
      import('./imap/connector.ts'),
    ],
  );
  // The only store and the only IMAP connector of the process: every job, engine and connection
  // below is handed these two, none opens a database or decides TLS or host policy itself.
  const store = openSqliteJobStore(config.dataDir);
  const connector = createImapConnector({
    allowHosts: config.allowHosts,
    insecureTls: config.insecureTls,
    resolve: config.resolve,
  });
  const jobs = await createJobManager({
    store,
    connector,
    log,
    splitFolders: config.splitFolders,
  });
  // Off loopback (a server, --allow-remote) the token is pasted by hand: no public route there.
  const pairing = isLoopbackHost(config.host)
    ? createPairingDesk({
        token,
        announce: (event) => {
          log.info('Pairing', { event: event.kind, origin: event.origin });
          process.stdout.write(pairingText(event));
        },
      })
    : undefined;
  const server = createHttpServer({ config, token, jobs, pairing, version: VERSION, log });
  let url: string;
  try {
    ({ url } = await server.listen());
  } catch (error) {
    await jobs.close();
    store.close();
    throw listenError(error, config);
  }
  log.info('Proxy started', { url, version: VERSION });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write('Stopping at once; running jobs will resume from their checkpoint.\n');
      process.exit(1);
    }
    stopping = true;
    log.info('Stopping', { signal });
    try {
      pairing?.close();
      await server.close();
      await jobs.close();
      store.close();
    } catch (error) {
      log.error('Error while stopping', { error });
    }
    await log.close();
    // Handles left by a dependency must not keep a stopped proxy alive.
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  process.stdout.write(
    startText({
      name: NAME,
      version: VERSION,
      url,
      dataDir: config.dataDir,
      token,
      pairing: pairing !== undefined,
    }),
  );
}

function warnAboutRiskyOptions(config: ProxyConfig): void {
  if (config.allowRemote && !isLoopbackHost(config.host)) {
    process.stderr.write(
      `\n*** WARNING: listening on ${config.host}, not on loopback. Anyone on your network who ` +
        `learns the pairing token can read and copy your mailboxes through this proxy. ***\n\n`,
    );
  }
  if (config.insecureTls) {
    process.stderr.write(
      '*** WARNING: --insecure-tls is on: IMAP certificates are not verified. For tests only. ***\n',
    );
  }
}

async function assertPortFree(config: ProxyConfig): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host: config.host, port: config.port, exclusive: true }, resolve);
    });
  } catch (error) {
    throw listenError(error, config);
  }
  await new Promise((resolve) => probe.close(resolve));
}

/** Node's listen errors, said in one sentence a person can act on. */
function listenError(error: unknown, config: ProxyConfig): Error {
  const where = `port ${config.port} on ${config.host}`;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new ConfigError(
        `Cannot start: ${where} is already in use (another ${NAME} may be running); stop it or choose another port with --port.`,
      );
    case 'EACCES':
      return new ConfigError(
        `Cannot start: not allowed to listen on ${where}; choose a port above 1024 with --port.`,
      );
    case 'EADDRNOTAVAIL':
      return new ConfigError(`Cannot start: ${config.host} is not an address of this computer.`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}
