// The sandbox's one HTTP server: API, control panel and login share an origin, as on
// www.ovh.com, so the panel's pages call /engine/apiv6 with their cookie.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleManager } from '../manager/index.ts';
import { API_PREFIX, type ApiDeps, handleApi } from './api.ts';
import { handleAuth } from './auth.ts';
import { type ControlDeps, handleControl } from './control.ts';
import { sendJson, sendText } from './io.ts';

export function createSandboxServer(api: ApiDeps, control: ControlDeps): Server {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const path = url.pathname;
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`))
      return handleApi(api, request, response, url);
    if (path === '/manager' || path.startsWith('/manager/'))
      return handleManager(request, response, url);
    if (path === '/auth' || path === '/auth/') return handleAuth(api.sessions, response, url);
    if (path === '/__sandbox' || path.startsWith('/__sandbox/'))
      return handleControl(control, request, response, url);
    if (path === '/') {
      response.writeHead(302, { Location: '/manager/' });
      response.end();
      return;
    }
    return sendText(response, 404, 'Not found');
  };
  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      api.sandbox.log(`HTTP ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent)
        sendJson(response, 500, { class: 'Sandbox::Error', message: String(error) });
      else response.destroy();
    });
  });
}
