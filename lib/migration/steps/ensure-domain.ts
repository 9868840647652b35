/**
 * Guide §1, phase 1: the domain must live on both platforms, which needs both non-authoritative
 * with a relay. Switches the source first (the destination refuses the domain while it is
 * authoritative elsewhere), then adds it to the destination. Reads before each change.
 */

import type { DomainInfo } from '../../platforms/index.ts';
import { MigrationError } from '../errors.ts';
import { waitForPendingChange } from './accounts.ts';
import type { Step } from './context.ts';

export const ensureDomain: Step = {
  id: 'ensure_domain',
  errorCode: 'domain_failed',
  async run(context) {
    const { plan, records, source, destination, op } = context;
    const name = plan.domain.name;
    const relay = plan.domain.relayHost;
    let changed = false;

    // The new MX Plan cannot add domains but can switch its own one (PUT .../domain/{name}).
    const sourceRef = plan.source.service;
    const needsSwitch = (d: DomainInfo | undefined) =>
      d !== undefined && (d.type === 'authoritative' || !d.mxRelay);
    let sourceDomain = await source.getDomain(sourceRef, name, op);
    if (sourceDomain === undefined && source.capabilities.manageDomains) {
      throw new MigrationError('domain_failed', `${name} is not on the source service any more.`);
    }
    if (needsSwitch(sourceDomain) && records.sourceDomainChangeSent) {
      await waitForPendingChange(context, async () => {
        sourceDomain = await source.getDomain(sourceRef, name, op);
        return !needsSwitch(sourceDomain);
      });
    }
    if (sourceDomain !== undefined && needsSwitch(sourceDomain)) {
      records.sourceDomainBefore ??= {
        type: sourceDomain.type,
        ...(sourceDomain.mxRelay ? { mxRelay: sourceDomain.mxRelay } : {}),
      };
      records.sourceDomainChangeSent = true;
      await context.save();
      await source.changeDomain(sourceRef, name, { type: 'nonAuthoritative', mxRelay: relay }, op);
      changed = true;
    } else if (records.sourceDomainChangeSent) {
      changed = true;
    }

    if (destination.capabilities.manageDomains) {
      const ref = plan.destination.service;
      let current = await destination.getDomain(ref, name, op);
      if (current === undefined) {
        records.destinationDomainAdded = true;
        await context.save();
        await destination.addDomain(ref, { name, type: 'nonAuthoritative', mxRelay: relay }, op);
        changed = true;
      }
      // An interrupted add leaves the domain "creating": wait until it is ok.
      for (let i = 0; current?.state !== 'ok'; i++) {
        current = await destination.getDomain(ref, name, op);
        if (current?.state === 'ok') break;
        if (i > 600) throw new MigrationError('domain_failed', `${name} never became ready.`);
        await context.sleep(context.copyPollMs, context.signal);
      }
    }
    if (!destination.capabilities.manageDomains) {
      // MX Plan: its own domain is there; it must be non-authoritative too while both hold it.
      const ref = plan.destination.service;
      let current = await destination.getDomain(ref, name, op);
      if (current?.type === 'authoritative' && records.destinationDomainChangeSent) {
        await waitForPendingChange(context, async () => {
          current = await destination.getDomain(ref, name, op);
          return current?.type !== 'authoritative';
        });
      }
      if (current?.type === 'authoritative') {
        records.destinationDomainBefore ??= {
          type: current.type,
          ...(current.mxRelay ? { mxRelay: current.mxRelay } : {}),
        };
        records.destinationDomainChangeSent = true;
        await context.save();
        await destination.changeDomain(
          plan.destination.service,
          name,
          { type: 'nonAuthoritative', mxRelay: relay },
          op,
        );
        changed = true;
      }
    }
    if (!changed) context.note('The domain was already ready on both platforms.');
    return changed ? 'done' : 'skipped';
  },
};
