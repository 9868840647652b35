/**
 * Texts a person reads (step descriptions, preflight outcomes), declared once with a stable key,
 * their parameters and an English sentence. The panel translates a key with its params; the
 * English sentence is what `message`/`description` carry, so a plan stays readable without it.
 * Every key is enumerable (`STEP_MESSAGES`, `PREFLIGHT_MESSAGES`) so a test can check that each
 * one has a translation.
 */

/** The `{name}` placeholders of an English template, as a union of their names. */
export type ParamsOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamsOf<Rest>
  : never;

export type MessageParams = Record<string, string | number>;

export interface MessageSpec<P extends string = string> {
  /** e.g. `step.rename_source.rename`, `preflight.size.over_limit` */
  readonly key: string;
  /** English, with `{param}` placeholders. */
  readonly en: string;
  /** The placeholders of `en` (and of `action`), in order of appearance. */
  readonly params: readonly P[];
  /** What to do about it, English, same placeholders (preflight outcomes that need an action). */
  readonly action?: string;
}

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;

export function placeholdersOf(...texts: (string | undefined)[]): string[] {
  const names: string[] = [];
  for (const text of texts) {
    for (const match of (text ?? '').matchAll(PLACEHOLDER)) {
      const name = match[1] as string;
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** Fills the placeholders; a missing parameter is a bug, so it throws rather than print `{x}`. */
export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new Error(`message parameter ${name} is missing in "${template}"`);
    return String(value);
  });
}

export function messageSpec<const T extends string, const A extends string | undefined = undefined>(
  key: string,
  en: T,
  action?: A,
): MessageSpec<ParamsOf<T> | (A extends string ? ParamsOf<A> : never)> {
  return {
    key,
    en,
    params: placeholdersOf(en, action) as (
      | ParamsOf<T>
      | (A extends string ? ParamsOf<A> : never)
    )[],
    ...(action === undefined ? {} : { action }),
  };
}

/** A message with its parameters filled: what a plan or a check carries. */
export interface RenderedMessage {
  key: string;
  params: MessageParams;
  text: string;
  action?: string;
}

export function render<P extends string>(
  spec: MessageSpec<P>,
  params: Record<P, string | number>,
): RenderedMessage {
  const values: MessageParams = { ...params };
  return {
    key: spec.key,
    params: values,
    text: fillTemplate(spec.en, values),
    ...(spec.action === undefined ? {} : { action: fillTemplate(spec.action, values) }),
  };
}

/** Gathers message sets into one record by key; a key declared twice is a bug. */
export function indexMessages(
  ...sets: ReadonlyArray<Readonly<Record<string, MessageSpec>>>
): Readonly<Record<string, MessageSpec>> {
  const all: Record<string, MessageSpec> = {};
  for (const set of sets) {
    for (const spec of Object.values(set)) {
      if (all[spec.key] !== undefined) throw new Error(`message key ${spec.key} declared twice`);
      all[spec.key] = spec;
    }
  }
  return all;
}
