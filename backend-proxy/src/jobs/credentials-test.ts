import type { ImapFlow } from 'imapflow';
import type {
  CredentialsTestRequest,
  CredentialsTestResponse,
  ImapEndpoint,
  MailboxSummary,
} from '../../../lib/proxy-contract/index.ts';
import { sizeFolder } from '../copy/folder-sizes.ts';
import { readLayout } from '../copy/folders.ts';
import { closeImap } from '../imap/connect.ts';
import type { ImapConnector } from '../imap/connector.ts';
import { classifyImapError } from '../imap/errors.ts';

/**
 * Logs in to both sides at once (or the source alone) and sizes each mailbox; errors are
 * answers, not exceptions.
 */
export async function testCredentials(
  request: CredentialsTestRequest,
  connector: ImapConnector,
): Promise<CredentialsTestResponse> {
  const [source, destination] = await Promise.all([
    summarise(request.source, 'source', connector),
    request.destination ? summarise(request.destination, 'destination', connector) : undefined,
  ]);
  return destination === undefined ? { source } : { source, destination };
}

async function summarise(
  endpoint: ImapEndpoint,
  side: 'source' | 'destination',
  connector: ImapConnector,
): Promise<MailboxSummary> {
  let client: ImapFlow | undefined;
  try {
    client = await connector.open(endpoint, side);
    const layout = await readLayout(client);
    let messages = 0;
    let bytes = 0;
    for (const folder of layout.folders) {
      if (!folder.selectable) continue;
      const size = await sizeFolder(client, folder.path, undefined);
      messages += size.messages;
      bytes += size.bytes;
    }
    const limit = client.capabilities.get('APPENDLIMIT');
    return {
      ok: true,
      folders: layout.folders.filter((f) => f.selectable).length,
      messages,
      bytes,
      ...(typeof limit === 'number' ? { appendLimit: limit } : {}),
    };
  } catch (error) {
    return { ok: false, error: classifyImapError(error, { side, host: endpoint.host }).toJSON() };
  } finally {
    await closeImap(client);
  }
}
