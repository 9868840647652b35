/**
 * Guide §1, phase 1: the domain must live on both platforms, which needs both non-authoritative
 * with a relay. Switches the source first (the destination refuses the domain while it is
 * authoritative elsewhere), then adds it to the destination. Reads before each change. Undo takes
 * the domain off the destination first: the source can only be authoritative again once the
 * domain lives nowhere else (reference §1).
 */
import { z } from 'zod';
import { waitFor } from '../../ovh-api/index.ts';
import type { DomainInfo } from '../../platforms/index.ts';
import { MigrationError } from '../errors.ts';
import { ROLLBACK_WARNINGS } from '../rollback-messages.ts';
import { defineStep, planned, stepMessages } from '../step-kit/define-step.ts';

const DomainSettings = z.object({
  type: z.enum(['authoritative', 'nonAuthoritative']),
  mxRelay: z.string().optional(),
});

export const id = 'ensure_domain';

export const messages = stepMessages(id, {
  switch_and_add:
    'Switch {domain} to non-authoritative on {source}, relaying to {relay}, then add it to {destination} the same way, so both platforms receive its mail.',
  switch: 'Switch {domain} to non-authoritative on {source}, relaying to {relay}.',
  add: 'Add {domain} to {destination} as non-authoritative, relaying to {relay}.',
  check: 'Check that {domain} is ready on both platforms.',
});

export const record = z.object({
  /** Set when this run switched the source domain: its settings before. */
  sourceBefore: DomainSettings.optional(),
  /** The source switch was sent (its task may still be pending after an interruption). */
  sourceSent: z.boolean().optional(),
  /** This run added the domain to the destination. */
  destinationAdded: z.boolean().optional(),
  /** Set when this run switched the destination's own domain (MX Plan): its settings before. */
  destinationBefore: DomainSettings.optional(),
  destinationSent: z.boolean().optional(),
});

const settingsOf = (d: DomainInfo) => ({
  type: d.type,
  ...(d.mxRelay ? { mxRelay: d.mxRelay } : {}),
});

export const ensureDomain = defineStep({
  id,
  errorCode: 'domain_failed',
  record,
  messages,
  describe(plan) {
    if (plan.route === 'legacy_move') return undefined;
    const { domain } = plan;
    const params = {
      domain: domain.name,
      source: plan.source.service.service,
      destination: plan.destination.service.service,
      relay: domain.relayHost,
    };
    if (domain.switchSource && domain.addToDestination) {
      return planned(id, messages.switch_and_add, params);
    }
    if (domain.switchSource) return planned(id, messages.switch, params);
    if (domain.addToDestination) return planned(id, messages.add, params);
    return planned(id, messages.check, { domain: domain.name });
  },

  async run(context) {
    const { plan, record: rec, source, destination, op } = context;
    const name = plan.domain.name;
    const relay = plan.domain.relayHost;
    let changed = false;

    // The new MX Plan cannot add domains but can switch its own one (PUT .../domain/{name}).
    const sourceRef = plan.source.service;
    const needsSwitch = (d: DomainInfo | undefined) =>
      d !== undefined && (d.type === 'authoritative' || !d.mxRelay);
    const sourceDomain = await source.getDomain(sourceRef, name, op);
    if (sourceDomain === undefined && source.capabilities.manageDomains) {
      throw new MigrationError('domain_failed', `${name} is not on the source service any more.`);
    }
    // A switch sent before an interruption: changeDomain follows its task, it does not resend.
    if (sourceDomain !== undefined && needsSwitch(sourceDomain)) {
      const resumed = rec.sourceSent === true;
      rec.sourceBefore ??= settingsOf(sourceDomain);
      rec.sourceSent = true;
      await context.save();
      await source.changeDomain(
        sourceRef,
        name,
        { type: 'nonAuthoritative', mxRelay: relay },
        { ...op, resumed },
      );
      changed = true;
    } else if (rec.sourceSent) {
      changed = true;
    }

    const ref = plan.destination.service;
    if (destination.capabilities.manageDomains) {
      const current = await destination.getDomain(ref, name, op);
      if (current === undefined || (rec.destinationAdded && current.state !== 'ok')) {
        // An add sent before an interruption is followed, not sent again (addDomain reads first).
        const resumed = rec.destinationAdded === true;
        rec.destinationAdded = true;
        await context.save();
        await destination.addDomain(
          ref,
          { name, type: 'nonAuthoritative', mxRelay: relay },
          { ...op, resumed },
        );
        changed = true;
      } else if (current.state !== 'ok') {
        await waitFor(
          `${name} ready on ${ref.service}`,
          async () => {
            const domain = await destination.getDomain(ref, name, op);
            return domain?.state === 'ok'
              ? { done: domain }
              : {
                  waiting: `${name} is "${domain?.rawState ?? 'absent'}"`,
                  progress: domain?.rawState ?? '',
                };
          },
          { policy: context.wait, ...(context.signal ? { signal: context.signal } : {}) },
        );
      }
    } else {
      // MX Plan: its own domain is there; it must be non-authoritative too while both hold it.
      const current = await destination.getDomain(ref, name, op);
      if (current?.type === 'authoritative') {
        const resumed = rec.destinationSent === true;
        rec.destinationBefore ??= settingsOf(current);
        rec.destinationSent = true;
        await context.save();
        await destination.changeDomain(
          ref,
          name,
          { type: 'nonAuthoritative', mxRelay: relay },
          { ...op, resumed },
        );
        changed = true;
      }
    }
    if (!changed) context.note('The domain was already ready on both platforms.');
    return changed ? 'done' : 'skipped';
  },

  async undo(context) {
    const { plan, record: rec, source, destination, signal } = context;
    // A rollback may be a retry: every change reads before it is sent.
    const op = { ...context.op, resumed: true };
    const name = plan.domain.name;
    if (rec.destinationAdded) {
      // A failed add left nothing behind.
      const ref = plan.destination.service;
      const there = await destination.getDomain(ref, name, op);
      if (there !== undefined && destination.capabilities.manageDomains) {
        try {
          await destination.removeDomain(ref, name, op);
        } catch (error) {
          if (signal?.aborted) throw error;
          context.warn(ROLLBACK_WARNINGS.domain_not_removed, {
            domain: name,
            service: ref.service,
          });
        }
      }
      if ((await destination.getDomain(ref, name, op)) === undefined) {
        rec.destinationAdded = false;
        await context.save();
      } else if (there !== undefined && !destination.capabilities.manageDomains) {
        context.warn(ROLLBACK_WARNINGS.domain_still_there, { domain: name, service: ref.service });
      }
    }
    if (rec.sourceBefore !== undefined) {
      const before = rec.sourceBefore;
      try {
        await source.changeDomain(
          plan.source.service,
          name,
          { type: before.type, mxRelay: before.mxRelay ?? null },
          op,
        );
        delete rec.sourceBefore;
        rec.sourceSent = false;
        await context.save();
      } catch (error) {
        if (signal?.aborted) throw error;
        context.warn(ROLLBACK_WARNINGS.source_not_authoritative, {
          domain: name,
          service: plan.source.service.service,
          destination: plan.destination.service.service,
        });
      }
    }
    if (rec.destinationBefore !== undefined) {
      const before = rec.destinationBefore;
      try {
        await destination.changeDomain(
          plan.destination.service,
          name,
          { type: before.type, mxRelay: before.mxRelay ?? null },
          op,
        );
        delete rec.destinationBefore;
        rec.destinationSent = false;
        await context.save();
      } catch (error) {
        if (signal?.aborted) throw error;
        context.warn(ROLLBACK_WARNINGS.destination_not_authoritative, {
          domain: name,
          service: plan.destination.service.service,
        });
      }
    }
  },
});
