import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config.ts';

export const TOKEN_FILE_NAME = 'token';
/** 32 random bytes in base64url, as `loadOrCreateToken` writes them. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The pairing token the extension must send as `Authorization: Bearer <token>`. It is kept in
 * `<dataDir>/token` so that a restart does not force the user to pair again.
 */
export async function loadOrCreateToken(dataDir: string): Promise<string> {
  await ensurePrivateDir(dataDir);
  const path = join(dataDir, TOKEN_FILE_NAME);
  const existing = await readToken(path);
  if (existing !== undefined) return existing;
  const token = randomBytes(32).toString('base64url');
  try {
    // `wx`: if another proxy created the file meanwhile, keep its token rather than replace it.
    await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readToken(path);
    if (winner === undefined) throw damaged(path);
    return winner;
  }
  return token;
}

/** Whether `authorizationHeader` is `Bearer <token>`, compared in constant time. */
export function checkToken(authorizationHeader: string | undefined, token: string): boolean {
  const match = /^bearer +(\S+) *$/i.exec(authorizationHeader ?? '');
  const given = match?.[1];
  if (given === undefined || token.length === 0) return false;
  // Comparing digests keeps the comparison constant-time whatever the length of `given`.
  return timingSafeEqual(sha256(given), sha256(token));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

async function readToken(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const token = text.trim();
  if (!TOKEN_PATTERN.test(token)) throw damaged(path);
  // A copy or a backup restore may have widened the mode; the token is as good as a password.
  if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) {
    await chmod(path, 0o600);
  }
  return token;
}

async function ensurePrivateDir(dataDir: string): Promise<void> {
  // Parents such as ~/.local/share keep the usual mode; only our own directory is private.
  await mkdir(dirname(dataDir), { recursive: true });
  try {
    await mkdir(dataDir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function damaged(path: string): ConfigError {
  return new ConfigError(
    `The pairing token file ${path} is damaged: delete it, restart the proxy and pair the extension again.`,
  );
}
