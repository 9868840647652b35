/**
 * Domains of a family service: read, add, switch, remove. A change is sent once, its task
 * followed (the domain names it in `taskPendingId`), the state read back after a lost answer.
 */
import { isOvhApiError, waitFor } from '../ovh-api/index.ts';
import type { OperationOptions, PlatformAdapter, ServiceRef } from './adapter.ts';
import type { FamilyContext } from './family-context.ts';
import { mayHaveLanded } from './family-tasks.ts';
import type { DomainLike, TaskLike } from './family-types.ts';
import { toDomain } from './family-views.ts';

type DomainMethods = Pick<
  PlatformAdapter,
  'getDomain' | 'addDomain' | 'changeDomain' | 'removeDomain'
>;

export function domainMethods(context: FamilyContext): DomainMethods {
  const {
    client,
    spec,
    schemas,
    desk,
    domainPath,
    signalOf,
    waitOptions,
    readDomain,
    unsupported,
  } = context;

  /** Done once `landed` holds; a lost answer is followed by reading the domain back. */
  const domainChange = async (
    ref: ServiceRef,
    name: string,
    what: string,
    landed: (domain: DomainLike | undefined) => boolean,
    send: () => Promise<TaskLike | undefined>,
    options?: OperationOptions,
  ) => {
    const settled = async () => {
      const domain = await readDomain(ref, name, options);
      if (domain?.taskPendingId) {
        await desk.followServiceTask(ref, domain.taskPendingId, what, options);
        return readDomain(ref, name, options);
      }
      return domain;
    };
    if (options?.resumed && landed(await settled())) return;
    let task: TaskLike | undefined;
    try {
      task = await send();
    } catch (error) {
      if (!mayHaveLanded(error) && !(isOvhApiError(error) && error.code === 'task_pending')) {
        throw error;
      }
      if (landed(await settled())) return;
      throw error;
    }
    if (task !== undefined) await desk.followServiceTask(ref, task.id, what, options, true);
    await waitFor(
      what,
      async () => {
        const domain = await settled();
        return landed(domain) && domain?.state !== 'creating'
          ? { done: true }
          : { waiting: `${name} is "${domain?.state ?? 'absent'}"`, progress: domain?.state ?? '' };
      },
      waitOptions(options),
    );
  };

  return {
    async getDomain(ref, name, options) {
      const domain = await readDomain(ref, name, options);
      return domain ? toDomain(domain) : undefined;
    },

    async addDomain(ref, domain, options) {
      if (!spec.capabilities.manageDomains) throw unsupported('add a domain to a service');
      await domainChange(
        ref,
        domain.name,
        `${domain.name} added to ${ref.service}`,
        (current) => current !== undefined && current.state === 'ok',
        () =>
          client.post(
            `${spec.base(ref)}/domain`,
            {
              name: domain.name,
              type: domain.type,
              ...(domain.mxRelay ? { mxRelay: domain.mxRelay } : {}),
              // DNS is the user's to change, after the move (reference §1, last step).
              configureMx: false,
              configureAutodiscover: false,
            },
            schemas.task,
            signalOf(options),
          ),
        options,
      );
    },

    async changeDomain(ref, name, change, options) {
      await domainChange(
        ref,
        name,
        `${name} taking its new settings on ${ref.service}`,
        (current) =>
          current !== undefined &&
          !current.taskPendingId &&
          current.state === 'ok' &&
          (!change.type || current.type === change.type) &&
          (change.mxRelay === undefined || current.mxRelay === change.mxRelay),
        async () => {
          await client.put(
            domainPath(ref, name),
            {
              ...(change.type ? { type: change.type } : {}),
              ...(change.mxRelay !== undefined ? { mxRelay: change.mxRelay } : {}),
            },
            signalOf(options),
          );
          // A PUT answers no task: the domain names it.
          const pending = (await readDomain(ref, name, options))?.taskPendingId;
          return pending ? ({ id: pending } as TaskLike) : undefined;
        },
        options,
      );
    },

    async removeDomain(ref, name, options) {
      if (!spec.capabilities.manageDomains) throw unsupported('remove a domain from a service');
      await domainChange(
        ref,
        name,
        `${name} removed from ${ref.service}`,
        (current) => current === undefined,
        () => client.delete(domainPath(ref, name), schemas.task, signalOf(options)),
        options,
      );
    },
  };
}
