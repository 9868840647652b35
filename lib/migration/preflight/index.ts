/**
 * The preflight checks, one file each, in the order a plan lists them; and every outcome they
 * can produce (`PREFLIGHT_MESSAGES`: key, status, params, English sentence and action), so the
 * panel can translate each one and a test can check its dictionary covers them all.
 */
import { indexMessages } from '../messages.ts';
import type { PreflightCheck } from '../plan-types.ts';
import { ALIASES_MESSAGES, checkAliases } from './aliases.ts';
import type { CheckMessageSpec } from './check.ts';
import { checkDestinationDomain, DESTINATION_DOMAIN_MESSAGES } from './destination-domain.ts';
import type { PreflightFacts } from './facts.ts';
import { checkFreeSlot, FREE_SLOT_MESSAGES } from './free-slot.ts';
import { checkImapAllowed, IMAP_MESSAGES } from './imap-allowed.ts';
import { LEGACY_MOVE_MESSAGES } from './legacy-move.ts';
import { checkNotMigrated, NOT_MIGRATED_MESSAGES } from './not-migrated.ts';
import { checkPasswords, PASSWORDS_MESSAGES } from './passwords.ts';
import { checkProvisionalName, PROVISIONAL_NAME_MESSAGES } from './provisional-name.ts';
import { checkProxy, PROXY_MESSAGES } from './proxy.ts';
import { checkServices, SERVICES_MESSAGES } from './services.ts';
import { checkSize, SIZE_MESSAGES } from './size.ts';
import { checkSourceAccount, SOURCE_ACCOUNT_MESSAGES } from './source-account.ts';
import { checkSourceDomain, SOURCE_DOMAIN_MESSAGES } from './source-domain.ts';

export { checkLegacyMove } from './legacy-move.ts';

type Check = (facts: PreflightFacts) => PreflightCheck;

export const COPY_ROUTE_CHECKS: readonly Check[] = [
  checkServices,
  checkSourceAccount,
  checkFreeSlot,
  checkSize,
  checkDestinationDomain,
  checkSourceDomain,
  checkImapAllowed,
  checkProvisionalName,
  checkPasswords,
  checkProxy,
  checkAliases,
  checkNotMigrated,
];

/** A legacy MX Plan source moving to E-mail Pro or Exchange: OVHcloud's own move (reference §5);
 * `checkLegacyMove` follows them. */
export const LEGACY_MOVE_CHECKS: readonly Check[] = [
  checkServices,
  checkSourceAccount,
  checkFreeSlot,
  checkSize,
];

/** Every outcome a preflight check can have, by key (`preflight.<check>.<outcome>`). */
export const PREFLIGHT_MESSAGES: Readonly<Record<string, CheckMessageSpec>> = indexMessages(
  SERVICES_MESSAGES,
  SOURCE_ACCOUNT_MESSAGES,
  FREE_SLOT_MESSAGES,
  SIZE_MESSAGES,
  DESTINATION_DOMAIN_MESSAGES,
  SOURCE_DOMAIN_MESSAGES,
  IMAP_MESSAGES,
  PROVISIONAL_NAME_MESSAGES,
  PASSWORDS_MESSAGES,
  PROXY_MESSAGES,
  ALIASES_MESSAGES,
  NOT_MIGRATED_MESSAGES,
  LEGACY_MOVE_MESSAGES,
) as Readonly<Record<string, CheckMessageSpec>>;
