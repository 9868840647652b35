/**
 * Special-use folders by name, for servers without SPECIAL-USE (RFC 6154) and for the names
 * Exchange gives them in each language (reference §6: French Exchange says "Éléments envoyés").
 * Names are compared lower-cased and NFC-normalised.
 */
export type SpecialUse = '\\Sent' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\Archive';

export const SPECIAL_USES: readonly SpecialUse[] = [
  '\\Sent',
  '\\Drafts',
  '\\Trash',
  '\\Junk',
  '\\Archive',
];

const NAMES: Record<SpecialUse, readonly string[]> = {
  '\\Sent': [
    // EN
    'sent',
    'sent items',
    'sent messages',
    'sent mail',
    'sent-mail',
    // FR (Exchange: "Éléments envoyés")
    'éléments envoyés',
    'elements envoyes',
    'envoyés',
    'messages envoyés',
    // DE
    'gesendet',
    'gesendete elemente',
    'gesendete objekte',
    // ES
    'enviados',
    'elementos enviados',
    'mensajes enviados',
    // IT
    'posta inviata',
    'inviati',
    'elementi inviati',
    // NL
    'verzonden',
    'verzonden items',
    'verzonden berichten',
    // PT
    'itens enviados',
    'mensagens enviadas',
    'enviadas',
    // PL
    'wysłane',
    'elementy wysłane',
  ],
  '\\Drafts': [
    'drafts',
    'draft',
    'brouillons',
    'entwürfe',
    'borradores',
    'bozze',
    'concepten',
    'rascunhos',
    'kopie robocze',
    'wersje robocze',
  ],
  '\\Trash': [
    'trash',
    'deleted items',
    'deleted messages',
    'deleted',
    'bin',
    'corbeille',
    'éléments supprimés',
    'elements supprimes',
    'papierkorb',
    'gelöschte elemente',
    'gelöschte objekte',
    'papelera',
    'elementos eliminados',
    'cestino',
    'posta eliminata',
    'elementi eliminati',
    'prullenbak',
    'verwijderde items',
    'lixo',
    'lixeira',
    'itens excluídos',
    'itens eliminados',
    'kosz',
    'elementy usunięte',
  ],
  '\\Junk': [
    'junk',
    'spam',
    'junk e-mail',
    'junk email',
    'junk mail',
    'bulk mail',
    'courrier indésirable',
    'courrier indesirable',
    'pourriel',
    'indésirables',
    'junk-e-mail',
    'spam-e-mail',
    'correo no deseado',
    'posta indesiderata',
    'ongewenste e-mail',
    'ongewenste mail',
    'lixo eletrónico',
    'lixo eletrônico',
    'e-mail de lixo',
    'wiadomości-śmieci',
  ],
  '\\Archive': [
    'archive',
    'archives',
    'archiv',
    'archivo',
    'archivio',
    'archief',
    'arquivo',
    'archiwum',
  ],
};

const BY_NAME = new Map<string, SpecialUse>();
for (const use of SPECIAL_USES) {
  for (const name of NAMES[use]) BY_NAME.set(normaliseName(name), use);
}

export function normaliseName(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('und').trim();
}

/** The special use a folder's name suggests, for a top-level folder only. */
export function specialUseByName(name: string): SpecialUse | undefined {
  return BY_NAME.get(normaliseName(name));
}

export function isSpecialUse(flag: string | undefined): flag is SpecialUse {
  return flag !== undefined && (SPECIAL_USES as readonly string[]).includes(flag);
}
