// The kit's colour pairs, read from kit.css and the ODS token sheet, in light and dark: text
// ≥ 4.5:1 on its background, controls and the focus ring ≥ 3:1 (WCAG 2.2, 1.4.3 and 1.4.11).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const tokens = readFileSync(
  path.join(root, 'node_modules/@ovhcloud/ods-themes/dist/default/index.css'),
  'utf8',
);
const kit = readFileSync(path.join(root, 'components/kit/kit.css'), 'utf8');

function declarations(block: string): Map<string, string> {
  return new Map(
    [...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]),
  );
}
const odsVars = declarations(tokens);
const light = declarations(
  kit.slice(kit.indexOf(':host {'), kit.indexOf('}', kit.indexOf(':host {'))),
);
const darkStart = kit.indexOf('@media (prefers-color-scheme: dark)');
const dark = new Map([
  ...light,
  ...declarations(kit.slice(darkStart, kit.indexOf('}\n}', darkStart))),
]);

function resolve(scheme: Map<string, string>, name: string): string {
  let value = scheme.get(name) ?? odsVars.get(name);
  for (let i = 0; value?.startsWith('var(') && i < 10; i++) {
    const inner = /var\((--[\w-]+)\)/.exec(value)?.[1] ?? '';
    value = scheme.get(inner) ?? odsVars.get(inner);
  }
  if (!value || !/^#[0-9a-f]{3,6}$/i.test(value))
    throw new Error(`${name} is not a colour: ${value}`);
  return value;
}

function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
const ratio = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return ((x ?? 0) + 0.05) / ((y ?? 0) + 0.05);
};

const TEXT: Array<[string, string]> = [
  ['--mp-text', '--mp-bg'],
  ['--mp-heading', '--mp-bg'],
  ['--mp-muted', '--mp-bg'],
  ['--mp-primary', '--mp-bg'],
  ['--mp-critical', '--mp-bg'],
  ['--mp-success', '--mp-bg'],
  ['--mp-warning', '--mp-bg'],
  ['--mp-on-primary', '--mp-primary'],
  ['--mp-on-primary', '--mp-primary-hover'],
  ['--mp-text', '--mp-bg-subtle'],
  ['--mp-text', '--mp-critical-bg'],
  ['--mp-text', '--mp-success-bg'],
  ['--mp-text', '--mp-warning-bg'],
  ['--mp-text', '--mp-info-bg'],
  ['--mp-heading', '--mp-info-bg'],
  ['--mp-bg', '--mp-critical'],
];
const CONTROLS: Array<[string, string]> = [
  ['--mp-border', '--mp-bg'],
  ['--mp-primary', '--mp-track'],
  ['--mp-focus', '--mp-bg'],
  ['--mp-critical', '--mp-critical-bg'],
  ['--mp-warning', '--mp-warning-bg'],
  ['--mp-success', '--mp-success-bg'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('the kit in %s', (_name, scheme) => {
  it.each(TEXT)('text %s on %s ≥ 4.5:1', (fg, bg) => {
    expect(ratio(resolve(scheme, fg), resolve(scheme, bg))).toBeGreaterThanOrEqual(4.5);
  });
  it.each(CONTROLS)('control %s on %s ≥ 3:1', (fg, bg) => {
    expect(ratio(resolve(scheme, fg), resolve(scheme, bg))).toBeGreaterThanOrEqual(3);
  });
});
