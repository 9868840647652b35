import { describe, expect, it } from 'vitest';
import { ConfigError, parseCli } from '../../../backend-proxy/src/config.ts';

const run = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseCli(argv, env, '/home/someone');
  if (parsed.command !== 'run') throw new Error(`expected run, got ${parsed.command}`);
  return parsed.config;
};

describe('--resolve', () => {
  it('maps a name and port to a real address, from flags and from the environment', () => {
    const config = run([
      '--resolve',
      'EX5.mail.sandbox.test:993=127.0.0.1:14301',
      '--resolve',
      'pro1.mail.sandbox.test:993=[::1]:2000',
    ]);
    expect(config.resolve.get('ex5.mail.sandbox.test:993')).toEqual({
      host: '127.0.0.1',
      port: 14301,
    });
    expect(config.resolve.get('pro1.mail.sandbox.test:993')).toEqual({ host: '::1', port: 2000 });
    const fromEnv = run([], {
      OVH_MIGRATE_PROXY_RESOLVE: 'a.test:993=127.0.0.2:1,b.test:143=127.0.0.3:2',
    });
    expect([...fromEnv.resolve.keys()]).toEqual(['a.test:993', 'b.test:143']);
    expect(run([]).resolve.size).toBe(0);
  });

  it('refuses a malformed entry with a sentence that shows the form', () => {
    expect(() => run(['--resolve', 'ex5.mail.sandbox.test=127.0.0.1'])).toThrow(ConfigError);
    expect(() => run(['--resolve', 'ex5.mail.sandbox.test=127.0.0.1'])).toThrow(
      /name:port=address:port/,
    );
  });
});

describe('the default data directory', () => {
  const dataDir = (env: Record<string, string>, home: string, platform: NodeJS.Platform) => {
    const parsed = parseCli([], env, home, platform);
    if (parsed.command !== 'run') throw new Error(`expected run, got ${parsed.command}`);
    return parsed.config.dataDir;
  };

  it('is where each platform keeps application data (the executables run on Windows too)', () => {
    expect(dataDir({}, '/home/someone', 'linux')).toBe(
      '/home/someone/.local/share/ovh-migrate-proxy',
    );
    expect(dataDir({ XDG_DATA_HOME: '/data' }, '/home/someone', 'linux')).toBe(
      '/data/ovh-migrate-proxy',
    );
    expect(
      dataDir({ LOCALAPPDATA: 'C:\\Users\\Ana\\AppData\\Local' }, 'C:\\Users\\Ana', 'win32'),
    ).toBe('C:\\Users\\Ana\\AppData\\Local\\ovh-migrate-proxy');
    expect(dataDir({}, 'C:\\Users\\Ana', 'win32')).toBe(
      'C:\\Users\\Ana\\AppData\\Local\\ovh-migrate-proxy',
    );
    expect(dataDir({}, '/Users/ana', 'darwin')).toBe(
      '/Users/ana/Library/Application Support/ovh-migrate-proxy',
    );
    expect(
      dataDir({ OVH_MIGRATE_PROXY_DATA_DIR: 'D:\\migration' }, 'C:\\Users\\Ana', 'win32'),
    ).toBe('D:\\migration');
  });
});

describe('--split-folders', () => {
  it('is auto unless a flag or the environment says always or never; anything else is refused', () => {
    expect(run([]).splitFolders).toBe('auto');
    expect(run(['--split-folders', 'always']).splitFolders).toBe('always');
    expect(run([], { OVH_MIGRATE_PROXY_SPLIT_FOLDERS: 'Never' }).splitFolders).toBe('never');
    expect(() => run(['--split-folders', 'sometimes'])).toThrow(
      /--split-folders must be auto, always, never/,
    );
  });
});
