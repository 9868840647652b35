// The conventions of lib/migration, checked from the files themselves (as refined-github's
// build/features.test.ts does): one file per step exporting its id, messages, record, run and
// undo; every message key enumerable with its params; statuses as one transition table.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECK_IDS,
  PREFLIGHT_MESSAGES,
  ROLLBACK_STEP_IDS,
  RUN_STATUSES,
  RUN_TRANSITIONS,
  STEP_IDS,
  STEP_MESSAGES,
  STEP_STATUSES,
  STEP_TRANSITIONS,
  STEPS,
} from '../../lib/migration/index.ts';
import { ROLLBACK_SEQUENCE } from '../../lib/migration/rollback.ts';

const STEPS_DIR = path.join(import.meta.dirname, '../../lib/migration/steps');
const PREFLIGHT_DIR = path.join(import.meta.dirname, '../../lib/migration/preflight');
const stepFiles = readdirSync(STEPS_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
const snake = (file: string) => file.replace(/\.ts$/, '').replaceAll('-', '_');
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g)].map((m) => m[1]))].sort();

describe('rollback', () => {
  it('undoes every step, in its one sequence (rollback.ts), each rollback step in ROLLBACK_STEP_IDS order', () => {
    const undone = new Set(ROLLBACK_SEQUENCE.map(([, step]) => step.id));
    expect(STEPS.map((s) => s.id).filter((id) => !undone.has(id))).toEqual([]);
    // In first-appearance order (source_back comes again after the drain: a destination that
    // cannot rename gives the address back only once its account is gone).
    const firsts = [...new Set(ROLLBACK_SEQUENCE.map(([id]) => id))];
    expect(firsts).toEqual([...ROLLBACK_STEP_IDS]);
    // The address leaves the destination before the source takes it back, then the drain.
    const first = (id: string) => ROLLBACK_SEQUENCE.findIndex(([r]) => r === id);
    expect(first('aliases_back')).toBeLessThan(first('release_destination'));
    expect(first('release_destination')).toBeLessThan(first('source_back'));
    expect(first('source_back')).toBeLessThan(first('drain_and_reset'));
  });
});

describe('one file per step', () => {
  it.each(stepFiles)('%s exports its id, messages, record, run and undo', async (file) => {
    const module = (await import(path.join(STEPS_DIR, file))) as Record<string, unknown>;
    const id = snake(file);
    expect(module.id).toBe(id);
    const definitions = Object.values(module).filter(
      (value): value is (typeof STEPS)[number] =>
        typeof value === 'object' && value !== null && 'run' in value && 'undo' in value,
    );
    expect(definitions).toHaveLength(1);
    const [step] = definitions;
    expect(step?.id).toBe(id);
    expect(typeof step?.run).toBe('function');
    expect(typeof step?.undo).toBe('function');
    expect(typeof step?.describe).toBe('function');
    // The typed record of what it changed: a schema whose every field is optional.
    expect(step?.record).toBe(module.record);
    expect(step?.record.safeParse({}).success).toBe(true);
    // Its descriptions: `step.<id>.<variant>`, params = the sentence's placeholders.
    expect(step?.messages).toBe(module.messages);
    const specs = Object.values(step?.messages ?? {});
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      expect(spec.key).toMatch(new RegExp(`^step\\.${id}\\.[a-z_]+$`));
      expect([...spec.params].sort()).toEqual(placeholders(spec.en));
      expect(STEP_MESSAGES[spec.key]).toBe(spec);
    }
    expect(STEPS.filter((s) => s === step)).toHaveLength(1);
  });

  it('the registry lists every step file once, in one order, and nothing else', () => {
    expect(STEPS.map((s) => s.id).sort()).toEqual(stepFiles.map(snake).sort());
    expect(STEP_IDS).toEqual(STEPS.map((s) => s.id));
    expect(Object.keys(STEP_MESSAGES).sort()).toEqual(
      STEPS.flatMap((s) => Object.values(s.messages).map((m) => m.key)).sort(),
    );
  });
});

describe('preflight outcomes', () => {
  const checkFiles = readdirSync(PREFLIGHT_DIR).filter(
    (f) => f.endsWith('.ts') && !['index.ts', 'check.ts', 'facts.ts', 'relay.ts'].includes(f),
  );

  it.each(checkFiles)('%s declares its outcomes, all in PREFLIGHT_MESSAGES', async (file) => {
    const module = (await import(path.join(PREFLIGHT_DIR, file))) as Record<string, unknown>;
    const sets = Object.entries(module).filter(([name]) => name.endsWith('_MESSAGES'));
    expect(sets).toHaveLength(1);
    for (const spec of Object.values(sets[0]?.[1] as Record<string, { key: string }>)) {
      expect(PREFLIGHT_MESSAGES[spec.key]).toBe(spec);
    }
  });

  it('every key is preflight.<check>.<outcome>, with its status and params', () => {
    const keys = Object.keys(PREFLIGHT_MESSAGES);
    expect(keys.length).toBeGreaterThan(40);
    for (const [key, spec] of Object.entries(PREFLIGHT_MESSAGES)) {
      const [prefix, check, outcome] = key.split('.');
      expect(prefix).toBe('preflight');
      expect(CHECK_IDS).toContain(check);
      expect(outcome).toMatch(/^[a-z_]+$/);
      expect(spec.check).toBe(check);
      expect(['pass', 'warn', 'fail']).toContain(spec.status);
      expect([...spec.params].sort()).toEqual(
        [...new Set([...placeholders(spec.en), ...placeholders(spec.action ?? '')])].sort(),
      );
      // A failure always says what to do.
      if (spec.status === 'fail' && !key.endsWith('.missing') && !key.endsWith('.cannot_create')) {
        expect(spec.action, key).toBeDefined();
      }
    }
  });
});

describe('statuses: one table of allowed transitions each', () => {
  it('the run table names every status, and every status can reach an end', () => {
    expect(Object.keys(RUN_TRANSITIONS).sort()).toEqual([...RUN_STATUSES].sort());
    const ends = new Set(['completed', 'rolled_back']);
    for (const status of RUN_STATUSES) {
      const seen = new Set<string>([status]);
      const queue: string[] = [status];
      while (queue.length > 0) {
        const next = queue.shift() as keyof typeof RUN_TRANSITIONS;
        for (const to of RUN_TRANSITIONS[next]) {
          expect(RUN_STATUSES).toContain(to);
          if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
      expect(
        [...seen].some((s) => ends.has(s)),
        status,
      ).toBe(true);
    }
    expect(RUN_TRANSITIONS.completed).toEqual([]);
    expect(RUN_TRANSITIONS.rolled_back).toEqual([]);
  });

  it('the step table names every step status', () => {
    expect(Object.keys(STEP_TRANSITIONS).sort()).toEqual([...STEP_STATUSES].sort());
    for (const targets of Object.values(STEP_TRANSITIONS)) {
      for (const to of targets) expect(STEP_STATUSES).toContain(to);
    }
  });
});

describe('a stored run of the previous version', () => {
  it('upgrades to records every step schema accepts, in the current step order', async () => {
    const { readFileSync } = await import('node:fs');
    const { upgradeRunStateV1 } = await import('../../lib/migration/state-upgrade.ts');
    const v1 = JSON.parse(
      readFileSync(
        path.join(import.meta.dirname, '../extension/fixtures/storage/migrationRun.v1.json'),
        'utf8',
      ),
    );
    const v2 = upgradeRunStateV1(v1);
    expect(v2.version).toBe(2);
    for (const step of STEPS) {
      const record = (v2.records as Record<string, unknown>)[step.id];
      if (record !== undefined) expect(step.record.safeParse(record).success, step.id).toBe(true);
    }
    const order = v2.steps.map((s) => STEP_IDS.indexOf(s.id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(v2.steps.map((s) => s.id)).toContain('move_aliases');
    for (const step of v2.plan.steps) expect(STEP_MESSAGES[step.key]).toBeDefined();
  });
});
