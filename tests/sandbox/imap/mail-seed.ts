// The mail each seeded account starts with: a few folders, Exchange's French special folders on
// Exchange and E-mail Pro (both run Exchange), English ones on MX Plan. Reproducible bytes, and
// every subject names its owner so a test can tell mailboxes apart after a rename.

import type { SpecialUse } from '../../fixtures/dovecot.ts';
import { makeMessage, type SeedFolder, type SeedMessage } from '../../fixtures/maildir.ts';

export type MailFlavour = 'exchange' | 'mxplan';

/** Special folders the Dovecot of each flavour declares (besides the fixture's defaults). */
export const SPECIAL_FOLDERS: Readonly<Record<MailFlavour, Readonly<Record<string, SpecialUse>>>> =
  {
    exchange: {
      'Éléments envoyés': '\\Sent',
      'Éléments supprimés': '\\Trash',
      Brouillons: '\\Drafts',
      'Courrier indésirable': '\\Junk',
    },
    mxplan: {},
  };

const FOLDER_NAMES: Readonly<Record<MailFlavour, { sent: string; trash: string; drafts: string }>> =
  {
    exchange: { sent: 'Éléments envoyés', trash: 'Éléments supprimés', drafts: 'Brouillons' },
    mxplan: { sent: 'Sent', trash: 'Trash', drafts: 'Drafts' },
  };

export interface MailSeedOptions {
  flavour: MailFlavour;
  address: string;
  /** Makes the bytes reproducible and distinct per account. */
  seed: number;
  /** Adds one message with an attachment of this size (bytes), so usage figures differ. */
  attachmentBytes?: number;
}

/** Subjects start with this, then the owner's address: see `subjectOf`. */
export function subjectOf(address: string, what: string): string {
  return `[${address}] ${what}`;
}

export function mailboxFor(options: MailSeedOptions): SeedFolder[] {
  const { address, flavour } = options;
  const names = FOLDER_NAMES[flavour];
  const special = SPECIAL_FOLDERS[flavour];
  let seed = options.seed * 100;
  const message = (what: string, day: number, extra: Partial<SeedMessage> = {}): SeedMessage => {
    seed += 1;
    const date = new Date(Date.UTC(2025, 0, day, 9, 30));
    return {
      raw: makeMessage({
        seed,
        to: address,
        subject: subjectOf(address, what),
        date,
        messageId: `<sandbox-${seed}@sandbox.test>`,
        body: `Bonjour,\r\n\r\n${what}.\r\n`,
      }),
      internalDate: date,
      flags: ['\\Seen'],
      ...extra,
    };
  };
  const inbox: SeedMessage[] = [
    message('Bienvenue', 2),
    message('Facture janvier', 10, { flags: [] }),
    message('Réunion de lundi', 12, { flags: ['\\Seen', '\\Flagged'] }),
  ];
  if (options.attachmentBytes !== undefined) {
    seed += 1;
    inbox.push({
      raw: makeMessage({
        seed,
        to: address,
        subject: subjectOf(address, 'Pièce jointe'),
        messageId: `<sandbox-${seed}@sandbox.test>`,
        attachment: { filename: 'dossier.pdf', bytes: options.attachmentBytes },
      }),
      internalDate: new Date(Date.UTC(2025, 1, 3)),
    });
  }
  const specialUse = (name: string) => special[name];
  const folder = (path: string[], messages: SeedMessage[]): SeedFolder => {
    const use = path.length === 1 ? specialUse(path[0] as string) : undefined;
    return use === undefined ? { path, messages } : { path, messages, specialUse: use };
  };
  return [
    folder(['INBOX'], inbox),
    folder([names.sent], [message('Devis envoyé', 5), message('Réponse au client', 11)]),
    folder([names.drafts], [message('Brouillon', 13, { flags: ['\\Draft'] })]),
    folder([names.trash], [message('Ancienne publicité', 1)]),
    folder(['Projets'], [message('Projet Alpha', 8)]),
    folder(['Projets', 'Été 2025'], [message('Planning été', 20)]),
  ];
}
