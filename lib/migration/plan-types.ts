/**
 * What the planner produces: a dry run the user reads before anything changes (issue 4, "Plan").
 * Plain data only, so it can be persisted with the run and cross extension messaging.
 */
import type { DomainType, PlatformKind, ServiceRef } from '../platforms/index.ts';
import type { EndpointView } from '../proxy-contract/index.ts';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export const CHECK_IDS = [
  'services',
  'source_account',
  'free_slot',
  'size',
  'destination_domain',
  'source_domain',
  'imap',
  'provisional_name',
  'passwords',
  'proxy',
  'aliases',
  'not_migrated',
  /** Legacy MX Plan source: OVHcloud's own move into a free slot (reference §5). */
  'legacy_move',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** One preflight check: a plain English sentence, and a key + params so a UI can translate it. */
export interface PreflightCheck {
  id: CheckId;
  status: CheckStatus;
  /** Message id, e.g. `preflight.free_slot.none`. */
  key: string;
  params: Record<string, string | number>;
  message: string;
  /** What the user should do about it (absent on a pass). */
  action?: string;
}

export const STEP_IDS = [
  'ensure_domain',
  'rename_source',
  'configure_destination',
  'set_source_password',
  'copy_content',
  'final_pass',
  'verify',
  'recreate_aliases',
  'report',
  /** Legacy MX Plan source: OVHcloud's automatic, irreversible move into the free slot. */
  'legacy_move',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface PlannedStep {
  id: StepId;
  /** Message id, e.g. `step.rename_source`. */
  key: string;
  params: Record<string, string | number>;
  description: string;
}

/** How the source will be logged into for the copy. */
export type SourcePasswordMode =
  /** The user gives the current password; it stays. */
  | 'keep'
  /** A new password (given or generated) is set on the renamed source: its clients must be
   * reconfigured anyway. */
  | 'set';

/**
 * How the account moves: `copy` (rename, configure, copy through the proxy, reversible) or
 * `legacy_move` (a legacy MX Plan source: OVHcloud moves the account into a free E-mail Pro or
 * Exchange slot itself; irreversible, the source account is removed).
 */
export type MigrationRoute = 'copy' | 'legacy_move';

export interface MigrationPlan {
  version: 1;
  createdAt: string;
  /** @default 'copy' */
  route?: MigrationRoute;
  source: {
    service: ServiceRef;
    address: string;
    login: string;
    domain: string;
    displayName?: string;
    firstName?: string;
    lastName?: string;
    usageBytes?: number;
    aliases: string[];
    /** Where the proxy reads the renamed source (no password). */
    endpoint: EndpointView;
  };
  destination: {
    service: ServiceRef;
    /** The original address, re-created here. */
    address: string;
    /** The free slot to configure; absent when the account is created (legacy MX Plan). */
    slot?: string;
    create: boolean;
    quotaBytes?: number;
    endpoint: EndpointView;
  };
  provisional: { login: string; address: string };
  sourcePassword: SourcePasswordMode;
  domain: {
    name: string;
    /** The relay non-authoritative domains send unknown addresses to. */
    relayHost: string;
    sourceType?: DomainType;
    /** The source domain is authoritative and will be switched to non-authoritative. */
    switchSource: boolean;
    /** The destination lacks the domain and it will be added (non-authoritative, relay). */
    addToDestination: boolean;
  };
  checks: PreflightCheck[];
  steps: PlannedStep[];
  /** No check failed. */
  runnable: boolean;
}

export interface PlanOptions {
  /**
   * Largest account (bytes) the guide allows per destination platform.
   * @default { email_pro: 10 GB, mxplan: 5 GB, mxplan_legacy: 5 GB }
   */
  limits?: Partial<Record<PlatformKind, number>>;
  /**
   * Relay host of non-authoritative domains.
   * @default the first of the domain's expected MX, else `mx1.mail.ovh.net`
   */
  relayHost?: string;
}

export interface PlanInput {
  source: { service: ServiceRef; address: string };
  /** `slot` absent: pick a free slot that fits. */
  destination: { service: ServiceRef; slot?: string };
  /** @default `<login>01`, else `<login>02`... whichever is free */
  provisionalLogin?: string;
  /** Generated to the destination's policy when absent. */
  destinationPassword?: string;
  sourcePassword: { mode: 'keep'; password?: string } | { mode: 'set'; password?: string };
}

/** The plan, and the passwords the run will need (kept out of the plan: they are secrets). */
export interface PlanResult {
  plan: MigrationPlan;
  passwords: {
    source?: string;
    destination: string;
    generated: { source: boolean; destination: boolean };
  };
}
