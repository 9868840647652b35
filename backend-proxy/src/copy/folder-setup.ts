import type { CommandSession } from '../imap/append-session.ts';
import { mailboxArgument } from '../imap/wire.ts';
import type { FolderPlan } from './folders.ts';

/**
 * Creates the destination folders the plan lacks and gives them the source's subscription before
 * any folder is copied, in two batches of commands on one connection: every CREATE at once
 * (parents first), then every SUBSCRIBE at once. Done by each worker in turn, a folder cost five
 * round trips in series (CREATE, imapflow's SUBSCRIBE, ours checked, LIST, SELECT) and the
 * workers queued for them (changes to the folder list stay one at a time: see the engine); here
 * it is two round trips for the whole mailbox, and one session changes the list, in order.
 *
 * What a batch could not do stays as the plan says (`exists`, `destinationSubscribed`): the
 * worker's `ensureFolder` does it again and names the failure. A folder created here that the
 * source has unsubscribed is left unsubscribed (CREATE subscribes nothing).
 */
export async function createFolders(
  session: CommandSession,
  plans: readonly FolderPlan[],
): Promise<void> {
  const missing = plans
    .filter((plan) => !plan.exists && plan.destinationPath.toUpperCase() !== 'INBOX')
    .sort((a, b) => depth(a) - depth(b));
  const created = await session.runAll(
    missing.map((plan) => `CREATE ${mailboxArgument(plan.destinationPath)}`),
  );
  missing.forEach((plan, i) => {
    const answer = created[i];
    if (answer?.status === 'OK' || answer?.code === 'ALREADYEXISTS') {
      plan.exists = true;
      // Known now rather than read: nothing subscribed it.
      if (answer.status === 'OK') plan.destinationSubscribed = false;
    }
  });
  const unsubscribed = plans.filter(
    (plan) => plan.exists && plan.source.subscribed && !plan.destinationSubscribed,
  );
  const subscribed = await session.runAll(
    unsubscribed.map((plan) => `SUBSCRIBE ${mailboxArgument(plan.destinationPath)}`),
  );
  unsubscribed.forEach((plan, i) => {
    if (subscribed[i]?.status === 'OK') plan.destinationSubscribed = true;
  });
}

/** Whether the destination lacks a folder or a subscription the source has. */
export function foldersToPrepare(plans: readonly FolderPlan[]): boolean {
  return plans.some(
    (plan) =>
      (!plan.exists && plan.destinationPath.toUpperCase() !== 'INBOX') ||
      (plan.source.subscribed && !plan.destinationSubscribed),
  );
}

function depth(plan: FolderPlan): number {
  return plan.sourceName.split('/').length;
}
