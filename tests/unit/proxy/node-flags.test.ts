// The proxy's V8 options (backend-proxy/src/node-flags.ts) are read when Node starts: each
// launcher written in shell or JSON must carry them itself, and this keeps them in step.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROXY_NODE_FLAGS } from '../../../backend-proxy/src/node-flags.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the proxy is started with its Node options', () => {
  const launchers: Record<string, string> = {
    'npm start (backend-proxy)': String(
      JSON.parse(read('backend-proxy/package.json')).scripts.start,
    ),
    'scripts/start.sh': read('scripts/start.sh')
      .split('\n')
      .filter((line) => line.startsWith('exec node'))
      .join('\n'),
  };
  for (const [name, command] of Object.entries(launchers)) {
    it(`by ${name}`, () => {
      expect(command).toContain('cli.mjs');
      // Before the script: after it they would be the proxy's own arguments.
      const script = command.indexOf('cli.mjs');
      for (const flag of PROXY_NODE_FLAGS) {
        expect(command.indexOf(` ${flag} `), flag).toBeGreaterThan(0);
        expect(command.indexOf(` ${flag} `)).toBeLessThan(script);
      }
    });
  }
});
