import { homedir } from 'node:os';
import { join, posix, resolve, win32 } from 'node:path';
import { parseArgs } from 'node:util';
import { isLoopbackHost, normalizeHostPattern } from './host-policy.ts';

/** A real address to connect to. */
export interface ImapTarget {
  host: string;
  port: number;
}

/** The proxy's options, from the command line and `OVH_MIGRATE_PROXY_*` variables. */
export interface ProxyConfig {
  /**
   * Address the HTTP API listens on. Anything but loopback needs `allowRemote`.
   * @default '127.0.0.1'
   */
  host: string;
  /**
   * TCP port of the HTTP API; 0 picks any free port (tests).
   * @default 7464
   */
  port: number;
  /**
   * Where the pairing token, job checkpoints and `proxy.log` live.
   * @default $OVH_MIGRATE_PROXY_DATA_DIR, else $XDG_DATA_HOME/ovh-migrate-proxy, else ~/.local/share/ovh-migrate-proxy (Windows: %LOCALAPPDATA%\\ovh-migrate-proxy; macOS: ~/Library/Application Support/ovh-migrate-proxy)
   */
  dataDir: string;
  /**
   * IMAP hosts allowed besides OVHcloud's: exact names (or IP literals) and `*.suffix` patterns.
   * @default []
   */
  allowHosts: readonly string[];
  /**
   * Origins allowed to call the API from a browser: exact origins or `<scheme>://*`.
   * @default ['chrome-extension://*', 'moz-extension://*']
   */
  allowOrigins: readonly string[];
  /**
   * Accept IMAP certificates that do not verify. Only for tests against a self-signed server.
   * @default false
   */
  insecureTls: boolean;
  /**
   * Where to really connect for an IMAP `host:port`, like curl's --resolve: for test servers
   * (the sandbox's `ex5.mail.sandbox.test:993` is a Dovecot on a loopback port). The name must
   * still be allowed; TLS still checks the certificate against the name.
   * @default empty
   */
  resolve: ReadonlyMap<string, ImapTarget>;
  /**
   * When one large folder is copied on several connections at once: `auto` (not to Dovecot,
   * where it is slower), `always`, `never`.
   * @default 'auto'
   */
  splitFolders: SplitPolicy;
  /**
   * Let `host` be a non-loopback address, exposing the proxy to the network.
   * @default false
   */
  allowRemote: boolean;
}

/** When one large folder is copied on several connections at once (copy/folder-split.ts). */
export type SplitPolicy = 'auto' | 'always' | 'never';
export const SPLIT_POLICIES: readonly SplitPolicy[] = ['auto', 'always', 'never'];

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 7464;
export const DEFAULT_ALLOW_ORIGINS: readonly string[] = [
  'chrome-extension://*',
  'moz-extension://*',
];
const APP_DIR_NAME = 'ovh-migrate-proxy';
const ENV_PREFIX = 'OVH_MIGRATE_PROXY_';

/** A bad flag or variable: the CLI prints the message alone, without a stack. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type CliCommand =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'run'; config: ProxyConfig };

export const CLI_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'allow-origin': { type: 'string', multiple: true },
  'insecure-tls': { type: 'boolean' },
  'allow-remote': { type: 'boolean' },
  resolve: { type: 'string', multiple: true },
  'split-folders': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Reads argv (without `node` and the script) and the environment; argv wins over env. */
export function parseCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
  platform: NodeJS.Platform = process.platform,
): CliCommand {
  let values: ReturnType<typeof parseFlags>;
  try {
    values = parseFlags(argv);
  } catch (error) {
    // parseArgs already words its errors for a person ("Unknown option '--prot'").
    const sentence = (error as Error).message.replace(/\.?$/, '.');
    throw new ConfigError(`${sentence} Run with --help to see the options.`);
  }
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const fromEnv = (name: string): string | undefined => {
    const value = env[ENV_PREFIX + name]?.trim();
    return value ? value : undefined;
  };
  const host = (values.host ?? fromEnv('HOST') ?? DEFAULT_HOST).trim().toLowerCase();
  const allowRemote = values['allow-remote'] ?? false;
  if (!allowRemote && !isLoopbackHost(host)) {
    throw new ConfigError(
      `Refusing to listen on ${host}: it is not a loopback address and would expose the proxy to the network. Pass --allow-remote if you really mean it.`,
    );
  }
  const config: ProxyConfig = {
    host,
    port: parsePort(values.port ?? fromEnv('PORT') ?? String(DEFAULT_PORT)),
    dataDir: (platform === 'win32' ? win32.resolve : resolve)(
      values['data-dir'] ?? fromEnv('DATA_DIR') ?? defaultDataDir(env, home, platform),
    ),
    allowHosts: parseAllowHosts(values['allow-host'] ?? splitList(fromEnv('ALLOW_HOSTS'))),
    allowOrigins: parseAllowOrigins(values['allow-origin'] ?? splitList(fromEnv('ALLOW_ORIGINS'))),
    insecureTls: values['insecure-tls'] ?? fromEnv('INSECURE_TLS') === '1',
    resolve: parseResolve(values.resolve ?? splitList(fromEnv('RESOLVE'))),
    splitFolders: parseSplitPolicy(values['split-folders'] ?? fromEnv('SPLIT_FOLDERS') ?? 'auto'),
    allowRemote,
  };
  return { command: 'run', config };
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: CLI_OPTIONS, strict: true, allowPositionals: false })
    .values;
}

function splitList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',');
}

/** `name:port=address:port` entries, keyed `name:port` (lower case). */
function parseResolve(entries: readonly string[] | undefined): Map<string, ImapTarget> {
  const routes = new Map<string, ImapTarget>();
  for (const raw of (entries ?? []).flatMap((entry) => entry.split(','))) {
    const entry = raw.trim();
    if (!entry) continue;
    const match = /^([^\s:=]+):(\d{1,5})=(\[[^\]]+\]|[^\s:=]+):(\d{1,5})$/.exec(entry);
    if (!match?.[1] || !match[2] || !match[3] || !match[4]) {
      throw new ConfigError(
        `"${entry}" is not of the form name:port=address:port, e.g. ex5.mail.sandbox.test:993=127.0.0.1:14301 (resolve).`,
      );
    }
    routes.set(resolveKey(match[1], parsePort(match[2])), {
      host: match[3].replace(/^\[|\]$/g, ''),
      port: parsePort(match[4]),
    });
  }
  return routes;
}

export function resolveKey(host: string, port: number): string {
  return `${host.trim().toLowerCase().replace(/\.$/, '')}:${port}`;
}

function parseSplitPolicy(value: string): SplitPolicy {
  const policy = SPLIT_POLICIES.find((p) => p === value.trim().toLowerCase());
  if (!policy) {
    throw new ConfigError(
      `--split-folders must be ${SPLIT_POLICIES.join(', ')}; "${value}" is none of them.`,
    );
  }
  return policy;
}

function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`The port must be a number from 0 to 65535, not "${value}".`);
  }
  return port;
}

/** Where each platform keeps an application's own data (the single executables run on all). */
function defaultDataDir(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  platform: NodeJS.Platform,
): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA?.trim();
    return local
      ? win32.join(local, APP_DIR_NAME)
      : win32.join(home, 'AppData', 'Local', APP_DIR_NAME);
  }
  if (platform === 'darwin')
    return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const xdg = env.XDG_DATA_HOME?.trim();
  // The XDG spec says to ignore a relative XDG_DATA_HOME.
  if (xdg?.startsWith('/')) return join(xdg, APP_DIR_NAME);
  return join(home, '.local', 'share', APP_DIR_NAME);
}

function parseAllowHosts(entries: readonly string[] | undefined): string[] {
  const hosts: string[] = [];
  for (const raw of (entries ?? []).flatMap((entry) => entry.split(','))) {
    const entry = raw.trim();
    if (!entry) continue;
    const pattern = normalizeHostPattern(entry);
    if (!pattern) {
      throw new ConfigError(
        `"${entry}" is not a host name, an IP address or a "*.example.com" pattern (allow-host).`,
      );
    }
    hosts.push(pattern);
  }
  return hosts;
}

function parseAllowOrigins(entries: readonly string[] | undefined): string[] {
  const list = (entries ?? []).flatMap((entry) => entry.split(',')).map((entry) => entry.trim());
  const origins = list.filter(Boolean).map((entry) => entry.toLowerCase());
  for (const origin of origins) {
    if (!/^[a-z][a-z0-9+.-]*:\/\/(\*|[^/\s*]+)$/.test(origin)) {
      throw new ConfigError(
        `"${origin}" is not an origin such as chrome-extension://<id> or moz-extension://* (allow-origin).`,
      );
    }
  }
  return origins.length > 0 ? origins : [...DEFAULT_ALLOW_ORIGINS];
}

/** Whether a browser origin may call the API: exact match, or `<scheme>://*` for any host. */
export function isOriginAllowed(origin: string, allowOrigins: readonly string[]): boolean {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/\s*]+)$/.exec(origin.toLowerCase());
  if (!match) return false;
  const [, scheme, originHost] = match;
  return allowOrigins.some(
    (allowed) =>
      allowed === `${scheme}://${originHost}` || (allowed === `${scheme}://*` && !!originHost),
  );
}
