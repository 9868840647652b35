// Serves the fake control panel: /manager/ (container) and /manager/app/ (product page).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from '../http/io.ts';
import { CONTAINER_PAGE } from './container-page.ts';
import { PRODUCT_PAGE } from './product-page.ts';

const PAGES: Readonly<Record<string, string>> = {
  '/manager/': CONTAINER_PAGE,
  '/manager/index.html': CONTAINER_PAGE,
  '/manager/app/': PRODUCT_PAGE,
  '/manager/app/index.html': PRODUCT_PAGE,
};

export function handleManager(request: IncomingMessage, response: ServerResponse, url: URL): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed');
  } else if (url.pathname === '/manager') {
    response.writeHead(301, { Location: `/manager/${url.search}` });
    response.end();
  } else {
    const page = PAGES[url.pathname];
    if (page === undefined) sendText(response, 404, 'Not found');
    else sendText(response, 200, page, 'text/html; charset=utf-8');
  }
}
