import type { CommandSession } from '../imap/append-session.ts';
import { mailboxArgument } from '../imap/wire.ts';
import type { FolderPlan } from './folders.ts';

/** Where the destination's folder set-up stands (see createFolders). */
export interface FolderSetup {
  /** Settles once this folder's CREATE is answered (at once when it needed none). Never rejects. */
  created(plan: FolderPlan): Promise<void>;
  /** Settles once every CREATE and SUBSCRIBE is answered, or the set-up gave up. Never rejects. */
  done: Promise<void>;
}

/** Nothing set up beforehand: each worker creates and subscribes its own folder. */
export const NO_FOLDER_SETUP: FolderSetup = {
  created: () => Promise.resolve(),
  done: Promise.resolve(),
};

/**
 * Creates the destination folders the plan lacks and gives them the source's subscription, in
 * a few batches of commands on one connection: the CREATEs in `order` (the order the workers
 * take the folders, parents first) in growing groups, then every SUBSCRIBE at once. A worker waits only
 * for its own folder's CREATE before selecting it. Done by each worker in turn, a folder cost
 * five round trips in series (CREATE, imapflow's SUBSCRIBE, ours checked, LIST, SELECT) and the
 * workers queued for them (changes to the folder list stay one at a time: see the engine); here
 * it is two round trips for the whole mailbox, one session changing the list, in order.
 *
 * What a batch could not do stays as the plan says (`exists`, `destinationSubscribed`): the
 * worker's `ensureFolder` does it after `done` and names the failure. A folder created here that
 * the source has unsubscribed is left unsubscribed (CREATE subscribes nothing).
 */
export function createFolders(
  session: CommandSession,
  plans: readonly FolderPlan[],
  order: readonly number[],
): FolderSetup {
  const missing = order
    .map((i) => plans[i])
    .filter((plan): plan is FolderPlan => plan !== undefined && needsCreate(plan));
  // Dovecot answers pipelined commands together, once it has run them all (about 10 to 30 ms a
  // CREATE): the folders the workers take first go in a small group of their own, so their
  // workers do not wait for the whole mailbox's.
  const settled = new Map<FolderPlan, Promise<void>>();
  let previous: Promise<unknown> = Promise.resolve();
  for (let start = 0, group = 0; start < missing.length; group++) {
    const size = CREATE_GROUPS[group] ?? missing.length;
    const batch = missing.slice(start, start + size);
    start += size;
    const sent = previous.then(() =>
      session.sendAll(batch.map((plan) => `CREATE ${mailboxArgument(plan.destinationPath)}`)),
    );
    const answered = batch.map((plan, i) =>
      sent
        .then((answers) => answers[i])
        .then(
          (line) => {
            if (!line || (line.status !== 'OK' && line.code !== 'ALREADYEXISTS')) return;
            plan.exists = true;
            // Known now rather than read: nothing subscribed it.
            if (line.status === 'OK') plan.destinationSubscribed = false;
          },
          () => undefined,
        ),
    );
    batch.forEach((plan, i) => {
      settled.set(plan, answered[i] as Promise<void>);
    });
    previous = Promise.all(answered);
  }
  const done = (async () => {
    await Promise.all(settled.values());
    const unsubscribed = plans.filter(
      (plan) => plan.exists && plan.source.subscribed && !plan.destinationSubscribed,
    );
    const subscribed = session.sendAll(
      unsubscribed.map((plan) => `SUBSCRIBE ${mailboxArgument(plan.destinationPath)}`),
    );
    await Promise.all(
      unsubscribed.map((plan, i) =>
        subscribed[i]?.then(
          (line) => {
            if (line.status === 'OK') plan.destinationSubscribed = true;
          },
          () => undefined,
        ),
      ),
    );
  })();
  return {
    created: (plan) => settled.get(plan) ?? Promise.resolve(),
    done,
  };
}

/** Whether the destination lacks a folder or a subscription the source has. */
export function foldersToPrepare(plans: readonly FolderPlan[]): boolean {
  return plans.some(
    (plan) => needsCreate(plan) || (plan.source.subscribed && !plan.destinationSubscribed),
  );
}

/** How many CREATEs each write carries, in order; whatever is left after them goes in one write. */
const CREATE_GROUPS = [4, 8, 64];

function needsCreate(plan: FolderPlan): boolean {
  return !plan.exists && plan.destinationPath.toUpperCase() !== 'INBOX';
}
