/** The shapes Exchange, E-mail Pro and the new MX Plan share, and what tells them apart. */
import type { z } from 'zod';
import type { OvhClient, TaskSnapshot } from '../ovh-api/index.ts';
import type { Capabilities, OperationOptions, PlatformKind, ServiceRef } from './adapter.ts';

export interface ServiceLike {
  displayName: string | null;
  hostname: string | null;
  state: string;
  minPasswordLength: number | null;
  complexityEnabled: boolean;
}

export interface AccountLike {
  primaryEmailAddress: string;
  login: string;
  domain: string;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  configured: boolean;
  state: string;
  quota: number;
  currentUsage: number | null;
  taskPendingId: number | null;
}

export interface DomainLike {
  name: string;
  type: 'authoritative' | 'nonAuthoritative';
  mxRelay: string | null;
  state: string;
  taskPendingId: number;
  cnameToCheck: string | null;
  expectedMX: string[];
  mxIsValid: boolean;
  mxRecord: string[] | null;
  srvIsValid: boolean;
  srvRecord: string[] | null;
  // The new MX Plan's domain has no SPF or autodiscover expectations.
  expectedSPF?: string;
  expectedAutodiscoverSRV?: string;
  spfIsValid?: boolean;
  spfRecord?: string[] | null;
}

export type TaskLike = TaskSnapshot & { id: number; status: string; function: string };

export interface FamilySpec {
  kind: Exclude<PlatformKind, 'mxplan_legacy'>;
  capabilities: Capabilities;
  /** Human name of the product, for messages. */
  product: string;
  listServices(client: OvhClient, options?: OperationOptions): Promise<ServiceRef[]>;
  /** Encoded base path of one service, e.g. `/email/pro/emailpro-ab12345-1`. */
  base(ref: ServiceRef): string;
  /** IMAP host when the service does not name one (MX Plan: ssl0.ovh.net, reference §4). */
  defaultImapHost?: string;
  /** Account tasks live under `tasks` (Exchange, E-mail Pro) or `task` (MX Plan). */
  accountTasks: 'tasks' | 'task';
  /**
   * Longest password the platform takes (E-mail Pro 30, as its panel says; MX Plan, E-mail Pro's
   * model, 30 too; Exchange 128: a GUESS). The shortest is the service's `minPasswordLength`.
   */
  passwordMaxLength: number;
  /** The account PST export (`…/export`, `…/exportURL`): Hosted Exchange only. */
  pstExport?: boolean;
  schemas: {
    service: z.ZodType<ServiceLike>;
    account: z.ZodType<AccountLike>;
    domain: z.ZodType<DomainLike>;
    task: z.ZodType<TaskLike>;
    /** Per-account protocols (`IMAP` allowed), where the platform has them. */
    protocol?: z.ZodType<{ IMAP: boolean }>;
  };
}
