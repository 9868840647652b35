import type { EndpointView, ImapEndpoint } from '../../../lib/proxy-contract/index.ts';
import { uidValidityOf } from '../copy/folder-sizes.ts';
import { ProxyFailure } from '../errors.ts';
import { closeImap } from '../imap/connect.ts';
import type { ImapConnector, Side } from '../imap/connector.ts';
import type { StoredJob } from '../store/job-store.ts';

/** One mailbox account, whatever port or TLS mode reaches it: host and login, case-folded. */
export function accountKey(endpoint: EndpointView): string {
  const host = endpoint.host.trim().toLowerCase().replace(/\.$/, '');
  return `${endpoint.user.trim().toLowerCase()}@${host}`;
}

/**
 * The job that owns a destination account: queued or running (or being resumed) and not a dry
 * run (a dry run writes nothing, so it owns nothing). Two jobs appending into one mailbox at once
 * would each see the other's copies too late to skip them.
 */
export function ownerOf(
  jobs: readonly StoredJob[],
  destination: EndpointView,
  busy: (job: StoredJob) => boolean,
): StoredJob | undefined {
  const key = accountKey(destination);
  return jobs.find(
    (job) => !job.options.dryRun && busy(job) && accountKey(job.destination) === key,
  );
}

export function ownedFailure(owner: StoredJob): ProxyFailure {
  return new ProxyFailure(
    'conflict',
    `Job ${owner.id} is already copying into ${owner.destination.user} on ${owner.destination.host}: follow that job, or cancel it before starting another.`,
    { details: { jobId: owner.id } },
  );
}

/**
 * Checks that a new login (after a rename) opens the mailbox the job copied: every folder it
 * recorded exists with the same UIDVALIDITY. A different account would have other folders, or
 * the same names under other UIDVALIDITYs; a folder added since is fine.
 */
export async function assertSameMailbox(
  endpoint: ImapEndpoint,
  recorded: Readonly<Record<string, string>> | undefined,
  connector: ImapConnector,
  side: Side,
): Promise<void> {
  const folders = Object.entries(recorded ?? {});
  if (folders.length === 0) return;
  const client = await connector.open(endpoint, side);
  try {
    const different: string[] = [];
    for (const [path, uidValidity] of folders) {
      if ((await uidValidityOf(client, path)) !== uidValidity) different.push(path);
    }
    if (different.length === 0) return;
    const named = different
      .slice(0, 3)
      .map((path) => `"${path}"`)
      .join(', ');
    throw new ProxyFailure(
      'mailbox_mismatch',
      `${endpoint.user} on ${endpoint.host} is not the ${side} mailbox this job copied: ${named}${different.length > 3 ? ` and ${different.length - 3} more` : ''} ${different.length === 1 ? 'is' : 'are'} missing or different there. Check the address, or start a new job.`,
    );
  } finally {
    await closeImap(client);
  }
}
