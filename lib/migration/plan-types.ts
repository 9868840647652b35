/**
 * What the planner produces: a dry run the user reads before anything changes (issue 4, "Plan").
 * Plain data only, so it can be persisted with the run and cross extension messaging.
 */
import type { DomainType, PlatformKind, ServiceRef, UsageUnit } from '../platforms/index.ts';
import type { EndpointView } from '../proxy-contract/index.ts';
import type { StepId } from './steps/index.ts';

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
  /** Message key, e.g. `preflight.free_slot.none` (see `PREFLIGHT_MESSAGES`). */
  key: string;
  params: Record<string, string | number>;
  message: string;
  /** What the user should do about it (absent on a pass). */
  action?: string;
}

export type { StepId };

/** `Id` is the step's own id inside its step file; `StepId` (any step) everywhere else. */
export interface PlannedStep<Id extends string = StepId> {
  id: Id;
  /** Message key, e.g. `step.rename_source.rename` (see `STEP_MESSAGES`). */
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
  version: 2;
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
    /** The mailbox's size, measured over IMAP when it could be (see `MailboxSize`). */
    size: MailboxSize;
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
    /** The destination platform has aliases (the legacy MX Plan has none). */
    supportsAliases: boolean;
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
  /**
   * How long mail to the address is relayed rather than delivered: from the rename of the source
   * to the address existing on the destination, from the platforms' typical task durations.
   */
  mailWindow: { expectedSeconds: number };
  checks: PreflightCheck[];
  steps: PlannedStep[];
  /** No check failed. */
  runnable: boolean;
}

/** How big the source mailbox is, and how the plan knows. */
export interface MailboxSize {
  /**
   * `imap`: measured by the proxy (what every size check uses); `api`: only OVHcloud's
   * `currentUsage` with an assumed unit (a hint: a size check can warn, never fail);
   * `unknown`: neither.
   */
  basis: 'imap' | 'api' | 'unknown';
  bytes?: number;
  messages?: number;
  /** OVHcloud's `currentUsage`, as sent. */
  apiUsage?: number;
  /** Its unit: inferred from the measurement (basis `imap`) or assumed (basis `api`). */
  apiUnit?: UsageUnit;
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
