// A throwaway CA and one server certificate for every sandbox IMAP name, so a client that checks
// certificates against `ex5.mail.sandbox.test` (as the proxy does, even through --resolve) can
// trust the sandbox by adding one CA file (NODE_EXTRA_CA_CERTS), not by disabling checks.

import { execFile } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SandboxCertificate {
  caFile: string;
  caPem: string;
  certFile: string;
  keyFile: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export async function makeCertificate(
  dir: string,
  names: readonly string[],
): Promise<SandboxCertificate> {
  const file = (name: string) => path.join(dir, name);
  try {
    await run('openssl', [
      'req',
      '-x509',
      ...EC,
      '-keyout',
      file('ca-key.pem'),
      '-out',
      file('ca.pem'),
      '-days',
      '30',
      '-subj',
      '/CN=OVH migration sandbox CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', [
      'req',
      ...EC,
      '-keyout',
      file('imap-key.pem'),
      '-out',
      file('imap.csr'),
      '-subj',
      '/CN=sandbox IMAP',
    ]);
    const san = [...names.map((n) => `DNS:${n}`), 'DNS:localhost', 'IP:127.0.0.1'].join(',');
    await writeFile(file('imap.ext'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      file('imap.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca-key.pem'),
      '-CAcreateserial',
      '-out',
      file('imap.pem'),
      '-days',
      '30',
      '-extfile',
      file('imap.ext'),
    ]);
  } catch (error) {
    throw new Error(
      `openssl could not make the sandbox certificates (scripts/install-test-deps.sh): ${String(error)}`,
    );
  }
  // Dovecot reads them as root at start, but unprivileged runs read them as the mail user.
  await chmod(file('imap-key.pem'), 0o644);
  return {
    caFile: file('ca.pem'),
    caPem: await readFile(file('ca.pem'), 'utf8'),
    certFile: file('imap.pem'),
    keyFile: file('imap-key.pem'),
  };
}
