// Test helpers: one sandbox per test file, and a tiny API caller that keeps status, body and
// headers (the tests look at all three).

import { afterAll, beforeAll } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from './index.ts';

export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  return () => {
    if (sandbox === undefined) throw new Error('useSandbox: only after beforeAll');
    return sandbox;
  };
}

export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API sent
  body: any;
  headers: Headers;
}

export interface CallOptions {
  /** `Cookie` header; the sandbox's initial session by default, `null` for none. */
  cookie?: string | null;
  headers?: Record<string, string>;
}

export async function api(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<ApiAnswer> {
  const cookie = options.cookie === undefined ? sandbox.sessionCookie : options.cookie;
  const response = await fetch(`${sandbox.apiBase}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(cookie === null ? {} : { Cookie: cookie }),
      ...options.headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}

/** Polls a task until it leaves todo/doing; returns every status seen, in order. */
export async function followTask(
  sandbox: Sandbox,
  taskPath: string,
  timeoutMs = 10_000,
): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await api(sandbox, 'GET', taskPath);
    if (answer.status !== 200)
      throw new Error(`GET ${taskPath}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const status = answer.body.status as string;
    if (seen.at(-1) !== status) seen.push(status);
    if (status !== 'todo' && status !== 'doing') return seen;
    if (Date.now() > deadline) throw new Error(`task ${taskPath} still ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
