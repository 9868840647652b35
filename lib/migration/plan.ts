/**
 * The dry run (issue 4, "Plan"): reads both services, the account, the domains and the proxy,
 * runs every preflight check, and lists the steps the runner will take. Changes nothing.
 */
import type { PlatformAdapter, PlatformKind } from '../platforms/index.ts';
import type { CopyClient } from './copy-client.ts';
import { generatePassword, type RandomInt } from './passwords.ts';
import type {
  MigrationPlan,
  PlanInput,
  PlannedStep,
  PlanOptions,
  PlanResult,
} from './plan-types.ts';
import { checkAliases } from './preflight/aliases.ts';
import { checkDestinationDomain } from './preflight/destination-domain.ts';
import { gatherFacts, type PreflightFacts } from './preflight/facts.ts';
import { checkFreeSlot } from './preflight/free-slot.ts';
import { checkImapAllowed } from './preflight/imap-allowed.ts';
import { checkLegacyMove } from './preflight/legacy-move.ts';
import { checkNotMigrated } from './preflight/not-migrated.ts';
import { checkPasswords } from './preflight/passwords.ts';
import { checkProvisionalName } from './preflight/provisional-name.ts';
import { checkProxy } from './preflight/proxy.ts';
import { relayHostOf } from './preflight/relay.ts';
import { checkServices } from './preflight/services.ts';
import { checkSize } from './preflight/size.ts';
import { checkSourceAccount } from './preflight/source-account.ts';
import { checkSourceDomain } from './preflight/source-domain.ts';

export interface PlanDeps {
  adapters: Record<PlatformKind, PlatformAdapter>;
  copy: CopyClient;
  options?: PlanOptions;
  signal?: AbortSignal;
  /** @default () => new Date() */
  now?: () => Date;
  /** For generated passwords. @default Web Crypto */
  randomInt?: RandomInt;
}

const CHECKS = [
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

/** A legacy MX Plan source moving to E-mail Pro or Exchange: OVHcloud's own move (reference §5). */
const LEGACY_MOVE_CHECKS = [checkServices, checkSourceAccount, checkFreeSlot, checkSize];

export function isLegacyMoveRoute(input: Pick<PlanInput, 'source' | 'destination'>): boolean {
  return (
    input.source.service.kind === 'mxplan_legacy' &&
    (input.destination.service.kind === 'exchange' ||
      input.destination.service.kind === 'email_pro')
  );
}

export async function planMigration(input: PlanInput, deps: PlanDeps): Promise<PlanResult> {
  const options = deps.options ?? {};
  const facts = await gatherFacts(input, options, deps.adapters, deps.copy, deps.signal);
  const legacyMove = isLegacyMoveRoute(input);
  const checks = legacyMove
    ? [
        ...LEGACY_MOVE_CHECKS.map((run) => run(facts)),
        ...(await checkLegacyMove(facts, deps.signal)),
      ]
    : CHECKS.map((run) => run(facts));
  const sourceService = facts.sourceService.ok ? facts.sourceService.value : undefined;
  const destinationService = facts.destinationService.ok
    ? facts.destinationService.value
    : undefined;
  const account = facts.sourceAccount.ok ? facts.sourceAccount.value : undefined;
  const address = `${facts.login}@${facts.domain}`;
  // No rename on the legacy route: the account itself moves.
  const provisionalLogin = legacyMove ? facts.login : facts.provisionalLogin;
  const provisional = `${provisionalLogin}@${facts.domain}`;
  const relayHost = relayHostOf(facts);
  const sourceDomain = facts.sourceDomain.ok ? facts.sourceDomain.value : undefined;
  const switchSource = !legacyMove && sourceDomain?.type === 'authoritative';
  const addToDestination =
    !legacyMove &&
    facts.destinationAdapter.capabilities.manageDomains &&
    facts.destinationDomain.ok &&
    facts.destinationDomain.value === undefined;
  const create = !facts.destinationAdapter.capabilities.slots;
  const aliases = facts.aliases.ok ? facts.aliases.value : [];

  const plan: MigrationPlan = {
    version: 1,
    createdAt: (deps.now ?? (() => new Date()))().toISOString(),
    route: legacyMove ? 'legacy_move' : 'copy',
    source: {
      service: input.source.service,
      address,
      login: facts.login,
      domain: facts.domain,
      ...(account?.displayName ? { displayName: account.displayName } : {}),
      ...(account?.firstName ? { firstName: account.firstName } : {}),
      ...(account?.lastName ? { lastName: account.lastName } : {}),
      ...(account?.usageBytes === undefined ? {} : { usageBytes: account.usageBytes }),
      aliases,
      endpoint: sourceService
        ? facts.sourceAdapter.imapEndpoint(sourceService, provisional)
        : { host: '', port: 993, tls: 'implicit', user: provisional },
    },
    destination: {
      service: input.destination.service,
      address,
      ...(!create && facts.slot ? { slot: facts.slot.address } : {}),
      create,
      ...(facts.slot?.quotaBytes === undefined ? {} : { quotaBytes: facts.slot.quotaBytes }),
      endpoint: destinationService
        ? facts.destinationAdapter.imapEndpoint(destinationService, address)
        : { host: '', port: 993, tls: 'implicit', user: address },
    },
    provisional: { login: provisionalLogin, address: provisional },
    sourcePassword: input.sourcePassword.mode,
    domain: {
      name: facts.domain,
      relayHost,
      ...(sourceDomain ? { sourceType: sourceDomain.type } : {}),
      switchSource,
      addToDestination,
    },
    checks,
    steps: [],
    runnable: checks.every((c) => c.status !== 'fail'),
  };
  plan.steps = legacyMove ? legacyMoveSteps(plan) : plannedSteps(plan, facts);

  const randomInt = deps.randomInt;
  const destinationPassword =
    input.destinationPassword ??
    (destinationService ? generatePassword(destinationService.passwordPolicy, randomInt) : '');
  const sourcePassword =
    input.sourcePassword.mode === 'set'
      ? (input.sourcePassword.password ??
        (sourceService ? generatePassword(sourceService.passwordPolicy, randomInt) : undefined))
      : input.sourcePassword.password;
  return {
    plan,
    passwords: {
      ...(sourcePassword === undefined ? {} : { source: sourcePassword }),
      destination: destinationPassword,
      generated: {
        source: input.sourcePassword.mode === 'set' && input.sourcePassword.password === undefined,
        destination: input.destinationPassword === undefined,
      },
    },
  };
}

function legacyMoveSteps(plan: MigrationPlan): PlannedStep[] {
  const { source, destination } = plan;
  const dst = destination.service.service;
  const slot = destination.slot ?? '(none)';
  return [
    {
      id: 'legacy_move',
      key: 'step.legacy_move',
      params: { address: source.address, slot, service: dst },
      description: `Have OVHcloud move ${source.address} with its mail into the free slot ${slot} of ${dst}. Irreversible: the account is removed from the legacy MX Plan.`,
    },
    {
      id: 'verify',
      key: 'step.verify',
      params: { address: destination.address, service: dst },
      description: `Check that ${destination.address} is a configured account of ${dst} and is gone from the legacy MX Plan.`,
    },
    {
      id: 'report',
      key: 'step.report',
      params: {},
      description: 'Write the report: task ids, and what is left to do by hand.',
    },
  ];
}

function plannedSteps(plan: MigrationPlan, facts: PreflightFacts): PlannedStep[] {
  const { source, destination, provisional, domain } = plan;
  const dst = destination.service.service;
  const step = (
    id: PlannedStep['id'],
    description: string,
    params: Record<string, string | number> = {},
  ): PlannedStep => ({ id, key: `step.${id}`, params, description });
  const domainParts: string[] = [];
  if (domain.switchSource) {
    domainParts.push(`switch ${domain.name} to non-authoritative on ${source.service.service}`);
  }
  if (domain.addToDestination) domainParts.push(`add ${domain.name} to ${dst}`);
  const steps: PlannedStep[] = [
    step(
      'ensure_domain',
      domainParts.length > 0
        ? `Make the domain reachable on both platforms: ${domainParts.join(', then ')} (relay ${domain.relayHost}).`
        : `Check that ${domain.name} is ready on both platforms.`,
      { domain: domain.name, relay: domain.relayHost },
    ),
    step(
      'rename_source',
      `Rename ${source.address} to ${provisional.address}. From here until the next step ends, mail to ${source.address} is relayed rather than delivered: a few minutes.`,
      { from: source.address, to: provisional.address },
    ),
    step(
      'configure_destination',
      destination.create
        ? `Create ${destination.address} on ${dst} with its password.`
        : `Turn the free slot ${destination.slot ?? '(none)'} of ${dst} into ${destination.address} and set its password.`,
      { address: destination.address, service: dst },
    ),
  ];
  if (plan.sourcePassword === 'set') {
    steps.push(
      step('set_source_password', `Set a new password on ${provisional.address}.`, {
        address: provisional.address,
      }),
    );
  }
  steps.push(
    step(
      'copy_content',
      `Copy every folder and message from ${provisional.address} to ${destination.address} through the proxy.`,
      { from: provisional.address, to: destination.address },
    ),
    step('final_pass', 'Copy once more whatever reached the renamed source meanwhile.'),
    step('verify', 'Check that every folder has the same messages and bytes on both sides.'),
    step(
      'recreate_aliases',
      source.aliases.length > 0 && facts.destinationAdapter.capabilities.aliases
        ? `Recreate the aliases ${source.aliases.join(', ')} on ${dst}.`
        : 'No alias to recreate.',
      { count: source.aliases.length },
    ),
    step('report', 'Write the report: task ids, copy figures, and what is left to do by hand.'),
  );
  return steps;
}
