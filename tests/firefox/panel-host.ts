// The control panel's host, www.ovh.com, for a whole Firefox: an HTTP proxy that Firefox is told
// to use (its `network.proxy.*` prefs) takes each `CONNECT www.ovh.com:443`, speaks TLS itself
// (a throwaway self-signed certificate: the browser runs with acceptInsecureCerts) and forwards
// every request, bodies included, to the sandbox. Request interception cannot do it in this
// Firefox: over WebDriver BiDi it cannot read a request's body (no `network.getData` in 140
// ESR), and the panel's API writes (POST/PUT) have one. Loopback stays direct: Firefox never
// sends 127.0.0.1 through a proxy, so the add-on reaches the companion proxy as it would.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Sandbox } from '../sandbox/index.ts';

const HOST = 'www.ovh.com';

export interface ControlPanelHost {
  /** The proxy's port on 127.0.0.1 (`network.proxy.ssl_port`). */
  port: number;
  /** Requests that reached the sandbox, `METHOD /path` (to show what the test covered). */
  seen: string[];
  close(): Promise<void>;
}

export async function startControlPanelHost(sandbox: Sandbox): Promise<ControlPanelHost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ovh-ff-host-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${HOST}`,
    '-addext',
    `subjectAltName=DNS:${HOST}`,
  ]);
  const target = new URL(sandbox.url);
  const seen: string[] = [];
  const tls = createHttpsServer(
    { key: await readFile(key), cert: await readFile(cert) },
    (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const headers = { ...req.headers, host: target.host };
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (answer) => {
          const location = answer.headers.location;
          // The sandbox redirects to its own paths: keep them on www.ovh.com.
          if (location?.startsWith(sandbox.url)) {
            answer.headers.location = location.slice(sandbox.url.length) || '/';
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    },
  );
  const sockets = new Set<Socket>();
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, socket: Socket, head) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Only the control panel's host: anything else the test browser tries stays offline.
    if (req.url !== `${HOST}:443`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    seen,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
      tls.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
