/**
 * The dry run (issue 4, "Plan"): reads both services, the account, the domains and the proxy,
 * runs every preflight check, and lists the steps the runner will take. Changes nothing.
 */
import {
  expectedMailWindowSeconds,
  type PlatformAdapter,
  type PlatformKind,
} from '../platforms/index.ts';
import type { CopyClient } from './copy-client.ts';
import { generatePassword, type RandomInt } from './passwords.ts';
import type { MigrationPlan, PlanInput, PlanOptions, PlanResult } from './plan-types.ts';
import { gatherFacts } from './preflight/facts.ts';
import { COPY_ROUTE_CHECKS, checkLegacyMove, LEGACY_MOVE_CHECKS } from './preflight/index.ts';
import { relayHostOf } from './preflight/relay.ts';
import { STEPS } from './steps/index.ts';

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
        ...LEGACY_MOVE_CHECKS.map((check) => check(facts)),
        ...(await checkLegacyMove(facts, deps.signal)),
      ]
    : COPY_ROUTE_CHECKS.map((check) => check(facts));
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
    version: 2,
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
      size: facts.size,
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
      supportsAliases: facts.destinationAdapter.capabilities.aliases,
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
    mailWindow: { expectedSeconds: expectedMailWindowSeconds(input.destination.service.kind) },
    checks,
    steps: [],
    runnable: checks.every((c) => c.status !== 'fail'),
  };
  plan.steps = STEPS.flatMap((step) => step.describe(plan) ?? []);

  const randomInt = deps.randomInt;
  const destinationPassword =
    input.destinationPassword ??
    (destinationService
      ? generatePassword(destinationService.passwordPolicy, randomInt, facts.identities.destination)
      : '');
  const sourcePassword =
    input.sourcePassword.mode === 'set'
      ? (input.sourcePassword.password ??
        (sourceService
          ? generatePassword(sourceService.passwordPolicy, randomInt, facts.identities.source)
          : undefined))
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
