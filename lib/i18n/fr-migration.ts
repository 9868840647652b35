/**
 * French for every message key lib/migration declares (STEP_MESSAGES, PREFLIGHT_MESSAGES), with
 * the same `{params}` as its English. tests/unit/i18n/coverage.test.ts requires one for every
 * key and action, and notices when the English it translates changes (fr-migration.sources.json).
 *
 * `{error}`, `{reasons}` and `{state}` carry the words of OVHcloud (or of a mail server, or of the
 * proxy) untranslated: they are quoted « … » inside a French sentence, never left bare.
 */
import type { enStepTitles } from './en-migration.ts';

export const frMigration: Readonly<Record<string, string>> = {
  // --- steps (lib/migration/steps/*.ts), in run order -------------------------------------
  'step.ensure_domain.switch_and_add':
    'Passer {domain} en non autoritaire sur {source}, avec le relais {relay}, puis l’ajouter de la même façon à {destination}, pour que les deux plateformes reçoivent son courrier.',
  'step.ensure_domain.switch':
    'Passer {domain} en non autoritaire sur {source}, avec le relais {relay}.',
  'step.ensure_domain.add':
    'Ajouter {domain} à {destination} en non autoritaire, avec le relais {relay}.',
  'step.ensure_domain.check': 'Vérifier que {domain} est prêt sur les deux plateformes.',
  'step.legacy_move.move':
    'Faire déplacer par OVHcloud {address} et son courrier dans le compte libre {slot} de {service}. Irréversible : le compte est supprimé de l’ancien MX Plan.',
  'step.rename_source.rename':
    'Renommer {from} en {to}. Jusqu’à ce que {address} existe sur la destination, le courrier qui lui est adressé est relayé au lieu d’être distribué : environ {minutes} min.',
  'step.configure_destination.slot':
    'Transformer le compte libre {slot} de {service} en {address} et définir son mot de passe.',
  'step.configure_destination.create': 'Créer {address} sur {service} avec son mot de passe.',
  'step.move_aliases.move': 'Déplacer les alias {aliases} de {from} vers {to} sur {service}.',
  'step.move_aliases.none': 'Aucun alias à déplacer.',
  'step.move_aliases.unsupported':
    '{service} ne gère pas les alias : {aliases} restent sur {from} ; créez des redirections à la main pour ces adresses.',
  'step.set_source_password.set': 'Définir un nouveau mot de passe sur {address}.',
  'step.copy_content.copy':
    'Copier tous les dossiers et tous les messages de {from} vers {to}, par le proxy local.',
  'step.final_pass.pass': 'Copier une dernière fois ce qui est arrivé sur {from} entre-temps.',
  'step.verify.copy':
    'Vérifier que chaque dossier contient les mêmes messages, au même nombre d’octets, des deux côtés.',
  'step.verify.legacy_move':
    'Vérifier que {address} est un compte configuré de {service} et qu’il a disparu de l’ancien MX Plan.',
  'step.report.copy':
    'Établir le rapport : numéros des tâches, chiffres de la copie et ce qui reste à faire à la main.',
  'step.report.legacy_move':
    'Établir le rapport : numéros des tâches et ce qui reste à faire à la main.',

  // --- preflight checks (lib/migration/preflight/*.ts), in plan order ---------------------
  'preflight.services.ok': 'Les deux services sont dans l’état « ok ».',
  'preflight.services.source_unreadable':
    'Le service source {product} {service} n’a pas pu être lu. Réponse obtenue : « {error} »',
  'preflight.services.source_unreadable.action':
    'Vérifiez que vous êtes connecté au bon compte OVHcloud, puis relancez la préparation.',
  'preflight.services.destination_unreadable':
    'Le service de destination {product} {service} n’a pas pu être lu. Réponse obtenue : « {error} »',
  'preflight.services.destination_unreadable.action':
    'Vérifiez que vous êtes connecté au bon compte OVHcloud, puis relancez la préparation.',
  'preflight.services.source_not_ok':
    'Le service source {product} {service} est dans l’état « {state} », et non « ok ».',
  'preflight.services.source_not_ok.action':
    'Attendez que le service repasse à l’état « ok » (ou renouvelez-le s’il est suspendu), puis relancez la préparation.',
  'preflight.services.destination_not_ok':
    'Le service de destination {product} {service} est dans l’état « {state} », et non « ok ».',
  'preflight.services.destination_not_ok.action':
    'Attendez que le service repasse à l’état « ok » (ou renouvelez-le s’il est suspendu), puis relancez la préparation.',

  'preflight.source_account.ok': 'Le compte {address} est configuré et dans l’état « ok ».',
  'preflight.source_account.unreadable':
    'Le compte {address} n’a pas pu être lu. Réponse obtenue : « {error} »',
  'preflight.source_account.unreadable.action':
    'Vérifiez l’adresse et votre session, puis relancez la préparation.',
  'preflight.source_account.not_found': 'Le service source n’a pas de compte {address}.',
  'preflight.source_account.not_found.action': 'Choisissez un compte existant du service source.',
  'preflight.source_account.not_configured': '{address} n’est pas un compte configuré.',
  'preflight.source_account.not_configured.action':
    'Choisissez un compte configuré : un compte libre n’a rien à migrer.',
  'preflight.source_account.busy':
    'Le compte {address} est dans l’état « {state} » ou une modification est en cours.',
  'preflight.source_account.busy.action':
    'Attendez la fin de la modification en cours, puis relancez la préparation.',

  'preflight.free_slot.ok': 'Le compte libre {slot} de {service} deviendra {address}.',
  'preflight.free_slot.create': '{address} sera créé sur {service}.',
  'preflight.free_slot.unreadable':
    'Les comptes de {service} n’ont pas pu être lus. Réponse obtenue : « {error} »',
  'preflight.free_slot.unreadable.action': 'Vérifiez votre session, puis relancez la préparation.',
  'preflight.free_slot.address_exists': '{address} existe déjà sur {service}.',
  'preflight.free_slot.address_exists.action':
    'Supprimez ou renommez d’abord ce compte sur la destination.',
  'preflight.free_slot.none':
    '{service} n’a plus de compte libre : tous ses comptes sont configurés.',
  'preflight.free_slot.none.action':
    'Commandez un compte supplémentaire sur la destination (il apparaît en …@configureme.me) ou réinitialisez un compte inutilisé, puis relancez la préparation.',
  'preflight.free_slot.not_free': '{slot} n’est pas un compte libre de {service}.',
  'preflight.free_slot.not_free.action':
    'Choisissez l’un de ses comptes non configurés (@configureme.me), ou laissez la préparation en choisir un.',
  'preflight.free_slot.cannot_create':
    '{service} ne peut ni configurer un compte libre, ni créer de compte.',

  'preflight.size.unknown':
    'La taille de la boîte source est inconnue : elle n’a pas pu être mesurée et OVHcloud n’en donne aucune.',
  'preflight.size.unknown.action':
    'Indiquez le mot de passe actuel de la source pour que le proxy la mesure ; la copie s’arrête si la destination est pleine.',
  'preflight.size.over_limit':
    'La boîte contient {size}, plus que les {limit} qu’un compte {product} peut contenir.',
  'preflight.size.over_limit.action':
    'Archivez ou supprimez d’abord du courrier sur la source, ou choisissez une plateforme plus grande.',
  'preflight.size.over_quota':
    'La boîte contient {size}, plus que le quota de {quota} du compte de destination.',
  'preflight.size.over_quota.action':
    'Choisissez un compte plus grand, ou libérez d’abord de l’espace sur la source.',
  'preflight.size.ok': 'La boîte ({size}, {messages} messages) tient dans la destination.',
  'preflight.size.estimate_over':
    'Le chiffre d’OVHcloud pour la boîte ({size}, s’il est exprimé en {unit}) dépasse ce que la destination accepte ({limit}) ; la boîte n’a pas pu être mesurée.',
  'preflight.size.estimate_over.action':
    'Indiquez le mot de passe actuel de la source pour que le proxy mesure la boîte, puis relancez la préparation.',
  'preflight.size.estimate_ok':
    'La boîte n’a pas pu être mesurée ; d’après le chiffre d’OVHcloud ({size}, s’il est exprimé en {unit}), elle tient dans la destination.',
  'preflight.size.estimate_ok.action':
    'Indiquez le mot de passe actuel de la source pour que le proxy la mesure, puis relancez la préparation.',

  'preflight.destination_domain.present': '{domain} est déjà sur {service}.',
  'preflight.destination_domain.will_add':
    '{domain} sera ajouté à {service} en non autoritaire, avec le relais {relay}.',
  'preflight.destination_domain.fixed':
    '{service} n’héberge que {domains} : il ne peut pas recevoir d’adresses en {domain}.',
  'preflight.destination_domain.fixed.action':
    'Choisissez une destination dont le domaine est celui-ci, ou un service Exchange ou E-mail Pro.',
  'preflight.destination_domain.unreadable':
    'Les domaines de {service} n’ont pas pu être lus. Réponse obtenue : « {error} »',
  'preflight.destination_domain.unreadable.action':
    'Vérifiez votre session, puis relancez la préparation.',
  'preflight.destination_domain.busy':
    '{domain} est dans l’état « {state} » sur {service} ; la migration attendra qu’il soit « ok ».',

  'preflight.source_domain.fixed': '{domain} reste tel quel sur {service}.',
  'preflight.source_domain.missing': '{domain} n’est pas un domaine de {service}.',
  'preflight.source_domain.will_switch':
    '{domain} est autoritaire sur {service} : il passera en non autoritaire, avec le relais {relay}, pour que les deux plateformes reçoivent son courrier.',
  'preflight.source_domain.will_switch.action':
    'Rien à faire ; il pourra repasser en autoritaire une fois tous les comptes déplacés.',
  'preflight.source_domain.non_authoritative': '{domain} est déjà non autoritaire sur {service}.',
  'preflight.source_domain.unreadable':
    'Le domaine {domain} de {service} n’a pas pu être lu. Réponse obtenue : « {error} »',
  'preflight.source_domain.unreadable.action':
    'Vérifiez votre session, puis relancez la préparation.',

  'preflight.imap.ok': 'L’accès IMAP est autorisé sur {address}.',
  'preflight.imap.unknown':
    'La plateforme n’indique pas si l’IMAP est autorisé sur {address} ; la copie le saura en se connectant.',
  'preflight.imap.unreadable':
    'Impossible de savoir si l’IMAP est autorisé sur {address}. Réponse obtenue : « {error} »',
  'preflight.imap.unreadable.action': 'La copie signalera une connexion refusée.',
  'preflight.imap.disabled':
    'L’accès IMAP est désactivé sur {address} : son courrier ne peut pas être copié.',
  'preflight.imap.disabled.action':
    'Autorisez l’IMAP sur ce compte dans l’espace client (paramètres du compte, protocoles), puis relancez la préparation.',

  'preflight.provisional_name.ok': 'La source sera renommée {address} pendant la migration.',
  'preflight.provisional_name.rename_unsupported':
    'Les comptes de ce MX Plan ne peuvent pas être renommés : l’adresse d’origine ne peut donc pas être déplacée.',
  'preflight.provisional_name.rename_unsupported.action':
    'Utilisez la migration MX Plan proposée par OVHcloud pour ce compte.',
  'preflight.provisional_name.invalid': '« {login} » n’est pas un nom de compte valide.',
  'preflight.provisional_name.invalid.action':
    'Utilisez des lettres, des chiffres, des points, des tirets ou des tirets bas.',
  'preflight.provisional_name.unreadable':
    'Impossible de savoir si {address} est libre. Réponse obtenue : « {error} »',
  'preflight.provisional_name.unreadable.action':
    'Vérifiez votre session, puis relancez la préparation.',
  'preflight.provisional_name.taken': '{address} existe déjà sur la source.',
  'preflight.provisional_name.taken.action': 'Choisissez un autre nom provisoire.',

  'preflight.passwords.ok': 'Les mots de passe respectent les règles des deux plateformes.',
  'preflight.passwords.destination_policy':
    'Le mot de passe de destination ne respecte pas les règles de la destination : {problems}.',
  'preflight.passwords.destination_policy.action':
    'Choisissez un autre mot de passe, ou laissez-en générer un.',
  'preflight.passwords.source_policy':
    'Le nouveau mot de passe de la source ne respecte pas les règles de la source : {problems}.',
  'preflight.passwords.source_policy.action':
    'Choisissez un autre mot de passe, ou laissez-en générer un.',
  'preflight.passwords.source_refused':
    'Le serveur source a refusé le mot de passe de {address}. Sa réponse : « {error} »',
  'preflight.passwords.source_refused.action':
    'Vérifiez le mot de passe actuel du compte (ou choisissez d’en définir un nouveau), puis relancez la préparation.',
  'preflight.passwords.source_missing':
    'Le mot de passe actuel du compte source est nécessaire pour la copie.',
  'preflight.passwords.source_missing.action':
    'Indiquez-le avant de commencer, ou choisissez d’en définir un nouveau sur la source renommée.',

  'preflight.proxy.ok': 'Le proxy local {version} est prêt.',
  'preflight.proxy.unreachable': 'Le proxy local ne répond pas. Détail : « {error} »',
  'preflight.proxy.unreachable.action':
    'Démarrez le proxy sur cet ordinateur (npm run proxy) et associez-le à l’extension, puis relancez la préparation.',
  'preflight.proxy.not_paired': 'Ce navigateur n’est pas encore appairé avec le proxy local.',
  'preflight.proxy.not_paired.action':
    'Démarrez le proxy sur cet ordinateur (npm run proxy) s’il ne tourne pas, appairez ce navigateur avec lui, puis relancez la préparation.',
  'preflight.proxy.pairing_refused': 'Le proxy local n’accepte plus l’appairage de ce navigateur.',
  'preflight.proxy.pairing_refused.action':
    'Appairez de nouveau ce navigateur avec le proxy, puis relancez la préparation.',

  'preflight.aliases.none': 'Le compte n’a pas d’alias.',
  'preflight.aliases.move':
    'Les alias {aliases} suivent l’adresse : retirés de la source renommée, puis ajoutés sur la destination dès qu’elle porte l’adresse.',
  'preflight.aliases.unreadable':
    'Les alias de la source n’ont pas pu être lus. Réponse obtenue : « {error} »',
  'preflight.aliases.unreadable.action': 'Recréez-les à la main sur la destination.',
  'preflight.aliases.unsupported':
    'Les alias {aliases} ne peuvent pas être recréés sur cette destination : ils restent sur la source renommée.',
  'preflight.aliases.unsupported.action': 'Créez des redirections à la main pour ces adresses.',

  'preflight.not_migrated.no_groupware':
    'Seul le courrier est copié : calendriers, contacts, tâches, délégations, signatures automatiques et groupes restent sur la source, et {destination} n’a ni calendriers ni contacts.',
  'preflight.not_migrated.no_groupware.action':
    'Exportez calendriers et contacts depuis la source (par exemple depuis OWA) si vous en avez besoin.',
  'preflight.not_migrated.exchange':
    'Seul le courrier est copié : calendriers, contacts, tâches, délégations, signatures automatiques et groupes sont à recréer à la main.',
  'preflight.not_migrated.exchange.action':
    'Exportez calendriers et contacts depuis la source (par exemple depuis OWA) si vous en avez besoin.',
  'preflight.not_migrated.manual':
    'Seul le courrier est copié : délégations et signatures automatiques sont à recréer à la main.',
  'preflight.not_migrated.mxplan':
    'Seul le courrier est copié : redirections et répondeurs sont à recréer à la main.',

  'preflight.legacy_move.ok':
    'OVHcloud accepte de déplacer {address} dans le compte libre {slot} de {service}.',
  'preflight.legacy_move.irreversible':
    'Irréversible : le déplacement par OVHcloud supprime le compte source. {address} n’existera plus que sur {service} ; aucun retour arrière n’est possible.',
  'preflight.legacy_move.irreversible.action':
    'Confirmez le déplacement irréversible au moment de lancer la migration.',
  'preflight.legacy_move.unchecked':
    'Le déplacement de {address} par OVHcloud n’a pas pu être vérifié : il faut le compte et un compte libre de {service}.',
  'preflight.legacy_move.unchecked.action':
    'Corrigez les points ci-dessus, puis relancez la préparation.',
  'preflight.legacy_move.unreadable':
    'OVHcloud n’a pas pu vérifier le déplacement de {address} dans {slot}. Réponse obtenue : « {error} »',
  'preflight.legacy_move.unreadable.action':
    'Vérifiez le compte et le compte libre, puis relancez la préparation.',
  'preflight.legacy_move.refused':
    'OVHcloud refuse de déplacer {address} dans {slot} de {service}. Ses raisons : « {reasons} ».',
  'preflight.legacy_move.refused.action':
    'Corrigez ce qu’OVHcloud signale (attendez la fin d’une modification en cours), puis relancez la préparation.',

  // --- rollback (lib/migration/rollback-messages.ts) --------------------------------------
  'rollback.proxy_down':
    'Le courrier arrivé sur {address} chez {service} n’a pas pu être recopié vers la source : le proxy local ne répond pas. Le compte de destination est conservé tel quel, avec son courrier, sous {kept}.',
  'rollback.proxy_down.action': 'Démarrez le proxy local, puis relancez l’annulation.',
  'rollback.login_refused':
    'Le courrier arrivé sur {address} chez {service} n’a pas pu être recopié vers la source : une connexion a été refusée (« {error} »). Le compte de destination est conservé tel quel, avec son courrier, sous {kept}.',
  'rollback.login_refused.action': 'Donnez les bons mots de passe, puis relancez l’annulation.',
  'rollback.passwords_missing':
    'Les mots de passe sont de nouveau nécessaires pour recopier vers la source le courrier arrivé sur {address} chez {service} avant sa réinitialisation. Le compte de destination est conservé tel quel, avec son courrier, sous {kept}.',
  'rollback.passwords_missing.action': 'Donnez les mots de passe, puis relancez l’annulation.',
  'rollback.not_verified':
    'Le courrier arrivé sur {address} chez {service} n’a pas pu être recopié vers la source : ces dossiers n’y sont pas au complet : {folders}. Le compte de destination est conservé tel quel, avec son courrier, sous {kept}.',
  'rollback.not_verified.action':
    'Relancez l’annulation : la copie reprend là où elle s’est arrêtée.',
  'rollback.not_checked':
    'Le courrier arrivé sur {address} chez {service} n’a pas pu être recopié vers la source : le proxy local n’a pas pu vérifier qu’il y est bien arrivé en entier. Le compte de destination est conservé tel quel, avec son courrier, sous {kept}.',
  'rollback.not_checked.action':
    'Relancez l’annulation : la copie reprend là où elle s’est arrêtée.',
  'rollback.no_free_name':
    'Le compte de destination n’a pas pu quitter l’adresse {address} chez {service} : {names} sont toutes déjà prises. Rien n’a été réinitialisé.',
  'rollback.no_free_name.action':
    'Libérez l’une de ces adresses (supprimez ou renommez le compte ou l’alias qui la porte), puis relancez l’annulation.',
  'rollback.copy_back_failed':
    'Le courrier arrivé sur {address} chez {service} n’a pas pu être recopié vers la source : « {error} » Le compte de destination est conservé tel quel, avec son courrier, sous {kept}.',
  'rollback.copy_back_failed.action': 'Corrigez ce point, puis relancez l’annulation.',
  'rollback.copy_job_not_stopped':
    'La copie {job} n’a pas pu être arrêtée (« {error} ») : elle pourrait encore écrire dans {address}. Rien n’a été réinitialisé.',
  'rollback.copy_job_not_stopped.action': 'Démarrez le proxy local, puis relancez l’annulation.',
  'rollback.step.stop_copy': 'Arrêter la copie.',
  'rollback.step.check_copy_back':
    'Vérifier que le courrier de la destination peut être recopié (mots de passe, proxy, connexions).',
  'rollback.step.aliases_back': 'Rendre les alias à la source.',
  'rollback.step.release_destination':
    'Renommer le compte de destination pour libérer l’adresse d’origine.',
  'rollback.step.source_back': 'Rendre l’adresse d’origine au compte source.',
  'rollback.step.drain_and_reset':
    'Recopier vers la source ce que seule la destination contient, le vérifier, puis réinitialiser le compte de destination.',
  'rollback.step.domain_back': 'Remettre le domaine comme avant.',
  'rollback.warning.domain_not_removed':
    '{domain} a été ajouté à {service} et n’a pas pu en être retiré : retirez-le à la main dans ce service.',
  'rollback.warning.domain_still_there':
    '{domain} a été ajouté à {service} et y est toujours : retirez-le à la main si vous n’en avez plus besoin.',
  'rollback.warning.source_not_authoritative':
    '{domain} reste non autoritaire sur {service} : il est toujours sur {destination}. Retirez-le de ce dernier, puis repassez-le en autoritaire.',
  'rollback.warning.destination_not_authoritative':
    '{domain} reste non autoritaire sur {service} : repassez-le en autoritaire dans ce service s’il l’était avant.',
  'rollback.warning.password_changed':
    'Le mot de passe de la source a été changé par cette migration ; le nouveau reste sur {address} : utilisez-le désormais.',
  'rollback.warning.password_maybe_changed':
    'Le mot de passe de la source a peut-être été changé par cette migration (le changement a été envoyé) : si l’ancien ne fonctionne plus sur {address}, utilisez le nouveau.',
  'rollback.warning.password_for_copy_back':
    'La source a reçu son nouveau mot de passe pour que le courrier puisse y être recopié ; il reste sur {address} : utilisez-le désormais.',
};

export const frStepTitles: Record<keyof typeof enStepTitles, string> = {
  'step.ensure_domain.title': 'Partager le domaine',
  'step.rename_source.title': 'Renommer le compte source',
  'step.configure_destination.title': 'Configurer le compte de destination',
  'step.set_source_password.title': 'Nouveau mot de passe sur la source renommée',
  'step.copy_content.title': 'Copier le courrier',
  'step.final_pass.title': 'Dernier passage',
  'step.verify.title': 'Vérification',
  'step.report.title': 'Rapport',
  'step.legacy_move.title': 'Déplacement par OVHcloud',
  'step.move_aliases.title': 'Déplacer les alias',
};
