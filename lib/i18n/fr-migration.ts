/** French sentences for every message key lib/migration produces (see en-migration.ts). */
import type { enStepTitles, enWords } from './en-migration.ts';

/** French sentences by lib/migration key; a key without one falls back to English (see coverage test). */
export const frMigration: Readonly<Record<string, string>> = {
  'preflight.services.ok': 'Les deux services sont dans l’état « ok ».',

  'preflight.source_account.ok': 'Le compte {address} est configuré et en état « ok ».',
  'preflight.source_account.unreadable.action':
    "Vérifiez l'adresse et votre session, puis relancez la préparation.",
  'preflight.source_account.not_found': "Le service source n'a pas de compte {address}.",
  'preflight.source_account.not_found.action': 'Choisissez un compte existant du service source.',
  'preflight.source_account.not_configured': "{address} n'est pas un compte configuré.",
  'preflight.source_account.not_configured.action':
    "Choisissez un compte configuré : un compte libre n'a rien à migrer.",
  'preflight.source_account.busy.action':
    'Attendez la fin de la modification en cours, puis relancez la préparation.',

  'preflight.free_slot.ok': 'Le compte libre {slot} de {service} deviendra {address}.',
  'preflight.free_slot.create': '{address} sera créé sur {service}.',
  'preflight.free_slot.unreadable.action': 'Vérifiez votre session, puis relancez la préparation.',
  'preflight.free_slot.address_exists': '{address} existe déjà sur {service}.',
  'preflight.free_slot.address_exists.action':
    "Supprimez ou renommez d'abord ce compte sur la destination.",
  'preflight.free_slot.none':
    "{service} n'a plus de compte libre : tous les comptes sont configurés.",
  'preflight.free_slot.none.action':
    'Commandez un compte supplémentaire sur la destination (il apparaît en …@configureme.me) ou réinitialisez un compte inutilisé, puis relancez la préparation.',
  'preflight.free_slot.not_free': "{slot} n'est pas un compte libre de {service}.",
  'preflight.free_slot.not_free.action':
    'Choisissez un de ses comptes non configurés (@configureme.me), ou laissez la préparation en choisir un.',

  'preflight.size.unknown': "La taille de la boîte source n'est pas connue.",
  'preflight.size.unknown.action':
    "Assurez-vous qu'elle tient dans la destination : la copie s'arrête si la destination est pleine.",
  'preflight.size.over_limit.action':
    "Archivez ou supprimez d'abord du courrier sur la source, ou choisissez une plateforme plus grande.",
  'preflight.size.over_quota.action':
    "Choisissez un compte plus grand, ou libérez d'abord de l'espace sur la source.",

  'preflight.destination_domain.present': '{domain} est déjà sur {service}.',
  'preflight.destination_domain.will_add':
    '{domain} sera ajouté à {service} en non autoritaire, avec le relais {relay}.',
  'preflight.destination_domain.fixed.action':
    'Choisissez une destination dont le domaine est celui-ci, ou un service Exchange ou E-mail Pro.',

  'preflight.source_domain.fixed': '{domain} reste tel quel sur {service}.',
  'preflight.source_domain.missing': "{domain} n'est pas un domaine de {service}.",
  'preflight.source_domain.will_switch':
    '{domain} est autoritaire sur {service} : il passera en non autoritaire, avec le relais {relay}, pour que les deux plateformes reçoivent son courrier.',
  'preflight.source_domain.will_switch.action':
    'Rien à faire ; il pourra repasser en autoritaire une fois tous les comptes déplacés.',
  'preflight.source_domain.non_authoritative': '{domain} est déjà non autoritaire sur {service}.',

  'preflight.imap.ok': "L'accès IMAP est autorisé sur {address}.",
  'preflight.imap.unknown':
    "La plateforme n'indique pas si l'IMAP est autorisé sur {address} ; la copie le saura en se connectant.",
  'preflight.imap.unreadable.action': 'La copie signalera une connexion refusée.',
  'preflight.imap.disabled':
    "L'accès IMAP est désactivé sur {address} : son courrier ne peut pas être copié.",
  'preflight.imap.disabled.action':
    "Autorisez l'IMAP sur ce compte dans l'espace client (paramètres du compte, protocoles), puis relancez la préparation.",

  'preflight.provisional_name.ok': 'La source sera renommée {address} pendant la migration.',
  'preflight.provisional_name.rename_unsupported':
    "Les comptes de ce MX Plan ne peuvent pas être renommés : l'adresse d'origine ne peut pas être déplacée.",
  'preflight.provisional_name.rename_unsupported.action':
    'Utilisez la migration MX Plan proposée par OVHcloud pour ce compte.',
  'preflight.provisional_name.invalid.action':
    'Utilisez des lettres, des chiffres, des points, des tirets ou des tirets bas.',
  'preflight.provisional_name.taken': '{address} existe déjà sur la source.',
  'preflight.provisional_name.taken.action': 'Choisissez un autre nom provisoire.',

  'preflight.passwords.ok': 'Les mots de passe respectent les règles des deux plateformes.',
  'preflight.passwords.destination_policy.action':
    'Choisissez un autre mot de passe, ou laissez-en générer un.',
  'preflight.passwords.source_policy.action':
    'Choisissez un autre mot de passe, ou laissez-en générer un.',
  'preflight.passwords.source_missing':
    'Le mot de passe actuel du compte source est nécessaire pour la copie.',
  'preflight.passwords.source_missing.action':
    "Indiquez-le avant de commencer, ou choisissez d'en définir un nouveau sur la source renommée.",

  'preflight.proxy.ok': 'Le proxy local {version} est prêt.',
  'preflight.proxy.unreachable.action':
    "Démarrez le proxy sur cet ordinateur (npm run proxy) et associez-le à l'extension, puis relancez la préparation.",

  'preflight.aliases.none': "Le compte n'a pas d'alias.",
  'preflight.aliases.unreadable.action': 'Recréez-les à la main sur la destination.',
  'preflight.aliases.unsupported':
    'Les alias {aliases} ne peuvent pas être recréés sur cette destination.',
  'preflight.aliases.unsupported.action': 'Créez des redirections à la main pour ces adresses.',

  'preflight.not_migrated.no_groupware.action':
    'Exportez calendriers et contacts depuis la source (par exemple depuis OWA) si vous en avez besoin.',

  'preflight.legacy_move.ok':
    'OVHcloud accepte de déplacer {address} dans le compte libre {slot} de {service}.',
  'preflight.legacy_move.irreversible':
    "Irréversible : le déplacement par OVHcloud supprime le compte source. {address} n'existera plus que sur {service} ; aucun retour arrière possible.",
  'preflight.legacy_move.irreversible.action':
    'Confirmez le déplacement irréversible au moment de lancer la migration.',
  'preflight.legacy_move.unchecked':
    "Le déplacement de {address} n'a pas pu être vérifié : il faut le compte et un compte libre de {service}.",
  'preflight.legacy_move.unchecked.action':
    'Corrigez les points ci-dessus, puis relancez la préparation.',
  'preflight.legacy_move.unreadable.action':
    'Vérifiez le compte et le compte libre, puis relancez la préparation.',
  'preflight.legacy_move.refused':
    'OVHcloud refuse de déplacer {address} dans {slot} de {service} : {reasons}.',
  'preflight.legacy_move.refused.action':
    "Corrigez ce qu'OVHcloud signale (attendez la fin d'une modification en cours), puis relancez la préparation.",
};

export const frStepTitles: Record<keyof typeof enStepTitles, string> = {
  'step.ensure_domain.title': 'Partager le domaine',
  'step.rename_source.title': 'Renommer le compte source',
  'step.configure_destination.title': 'Configurer le compte de destination',
  'step.set_source_password.title': 'Nouveau mot de passe sur la source renommée',
  'step.copy_content.title': 'Copier le courrier',
  'step.final_pass.title': 'Dernier passage',
  'step.verify.title': 'Vérification',
  'step.recreate_aliases.title': 'Alias',
  'step.report.title': 'Rapport',
  'step.legacy_move.title': 'Déplacement par OVHcloud',
  'step.move_aliases.title': 'Déplacer les alias',
};

export const frWords: Record<keyof typeof enWords, string> = {
  'word.calendars': 'les calendriers',
  'word.contacts': 'les contacts',
  'word.tasks': 'les tâches',
  'word.delegated rights': 'les délégations',
  'word.footers': 'les signatures automatiques',
  'word.groups': 'les groupes',
  'word.redirections': 'les redirections',
  'word.auto-replies': 'les répondeurs',
  'word.source': 'source',
  'word.destination': 'de destination',
};
