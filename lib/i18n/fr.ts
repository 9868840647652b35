/** Les textes du panneau en français (mêmes clés que en.ts ; le compilateur vérifie). */
import type { enUi, MessageKey } from './en.ts';
import { frStepTitles } from './fr-migration.ts';

const frUi: Record<keyof typeof enUi, string> = {
  'panel.title': 'Migrer de plateforme',
  'panel.close': 'Fermer le panneau de migration',

  'home.title': 'Déplacer des comptes e-mail vers une autre plateforme',
  'home.resume_title': 'Migrations en cours',
  'home.intro':
    'Déplacez un compte Exchange ou E-mail Pro vers un autre service Exchange, E-mail Pro ou MX Plan, avec son courrier, son adresse et ses alias. Chaque étape est d’abord vérifiée et peut être annulée.',
  'home.page_service': 'Cette page affiche le service {product} {service}.',
  'home.page_account': 'Compte : {address}.',
  'home.new': 'Nouvelle migration',
  'home.run_line': '{address} vers {destination}',
  'home.updated': 'dernière modification le {date}',
  'home.open_run': 'Ouvrir',
  'home.finished_count': 'Migrations terminées conservées dans ce navigateur : {count}.',

  'proxy.ready.title': 'Le proxy local est prêt.',
  'proxy.ready.action': '',
  'proxy.not_configured.title': 'Le proxy local ne tourne pas sur cet ordinateur.',
  'proxy.not_configured.action':
    'La copie du courrier passe par un petit programme sur cet ordinateur, le proxy local. Démarrez-le de l’une de ces façons et laissez sa fenêtre ouverte :',
  'proxy.unreachable.title': 'Le proxy local ne tourne pas à l’adresse {url}.',
  'proxy.unreachable.action':
    'La copie du courrier en a besoin. Démarrez-le sur cet ordinateur de l’une de ces façons et laissez sa fenêtre ouverte :',
  'proxy.found.title': 'Appairez l’extension avec le proxy local.',
  'proxy.found.action':
    'Le proxy tourne sur cet ordinateur. Appairez ce navigateur avec lui une fois : il affiche un code à 6 chiffres dans sa fenêtre, tapez-le ici.',
  'proxy.unpaired.title': 'Le proxy local a refusé le jeton d’association.',
  'proxy.unpaired.action':
    'Appairez de nouveau ce navigateur avec lui : il affiche un code à 6 chiffres dans sa fenêtre, tapez-le ici.',
  'proxy.incompatible.title': 'Le programme à l’adresse {url} n’est pas un proxy local compatible.',
  'proxy.incompatible.action':
    'Mettez le proxy et l’extension à la même version, ou vérifiez l’adresse dans les options de l’extension.',
  'proxy.background.title': 'Le service d’arrière-plan de l’extension ne répond pas.',
  'proxy.background.action': 'Rechargez la page ; si cela continue, redémarrez le navigateur.',
  'proxy.start.executable': 'le programme téléchargé :',
  'proxy.start.package': 'installé avec npm :',
  'proxy.start.project': 'depuis le dossier du projet :',
  'proxy.start.then': 'Il affiche « READY » quand il écoute. Appuyez ensuite sur « {check} ».',
  'proxy.check_again': 'Vérifier de nouveau',

  'wizard.progress': 'Étapes de la migration',
  'wizard.source.title': 'Source',
  'wizard.source.heading': 'Quel compte déplacer ?',
  'wizard.destination.title': 'Destination',
  'wizard.destination.heading': 'Vers quel service ?',
  'wizard.passwords.title': 'Mots de passe',
  'wizard.passwords.heading': 'Mots de passe',
  'wizard.plan.title': 'Plan',
  'wizard.plan.heading': 'Vérifiez le plan',
  'wizard.next': 'Suivant',
  'wizard.back': 'Retour',
  'wizard.cancel': 'Annuler',
  'wizard.loading_services': 'Lecture de vos services e-mail…',

  'load.failed': 'Vos services e-mail n’ont pas pu être lus.',
  'load.failed.action': 'Vérifiez votre connexion, puis réessayez.',

  'source.service': 'Service source',
  'source.this_page': 'cette page',
  'source.search': 'Rechercher un compte',
  'source.search_hint': 'Comptes affichés : {count} sur {total}',
  'source.more': 'Afficher plus de comptes ({count} de plus)',
  'source.reading_account': 'lecture…',
  'source.details_failed': 'Le détail de ces comptes n’a pas pu être lu.',
  'source.several': 'Déplacer plusieurs comptes',
  'source.account': 'Compte',
  'source.accounts': 'Comptes',
  'source.no_match': 'Aucun compte ne correspond à cette recherche.',
  'source.batch_summary':
    '{count} comptes sélectionnés : ils seront déplacés l’un après l’autre, chacun vers son propre compte libre.',
  'source.choose_first': 'Choisissez d’abord un compte.',
  'source.csv': 'Ou importez un fichier CSV',
  'source.csv_hint':
    'Une ligne par compte, avec un en-tête : address, et si besoin source_password, destination_password, provisional_login.',
  'source.csv_error':
    'Le CSV n’a pas pu être utilisé : comptes inconnus ou format incorrect ({addresses}).',
  'account.ok': 'ok',
  'account.busy': 'modification en cours',
  'account.size_estimate': 'environ {size}',

  'destination.intro.one': 'Volume à déplacer : environ {size}.',
  'destination.intro.other': 'Volume à déplacer : environ {size} ({count} comptes).',
  'destination.legend': 'Service de destination',
  'destination.free_slots.one': '{count} compte libre',
  'destination.free_slots.other': '{count} comptes libres',
  'destination.fit.fits': 'assez de place',
  'destination.fit.create': 'les comptes sont créés',
  'destination.fit.too_big': 'trop petit',
  'destination.fit.no_slot': 'aucun compte libre',
  'destination.fit.not_enough': 'pas assez de comptes libres',
  'destination.fit.unreadable': 'illisible',
  'destination.fit.loading': 'lecture…',
  'destination.choose_first': 'Choisissez d’abord une destination.',

  'passwords.source_legend': 'Comment la copie se connecte à {address}',
  'passwords.keep': 'Je connais son mot de passe actuel',
  'passwords.keep_hint':
    'Le mot de passe ne change pas ; ses logiciels de messagerie continuent de fonctionner jusqu’à ce que vous les basculiez.',
  'passwords.set': 'Définir un nouveau mot de passe sur la source renommée',
  'passwords.set_hint': 'Un mot de passe robuste est généré ; inutile de connaître l’actuel.',
  'passwords.source_current': 'Mot de passe actuel de {address}',
  'passwords.source_current_hint':
    'Utilisé pour la copie uniquement, gardé en mémoire pour cette session.',
  'passwords.destination_legend': 'Mot de passe du compte de destination',
  'passwords.generate': 'Générer un mot de passe robuste',
  'passwords.generate_hint':
    'Il s’affiche une seule fois à l’écran suivant : transmettez-le à l’utilisateur du compte.',
  'passwords.choose': 'Choisir le mot de passe',
  'passwords.destination_new': 'Nouveau mot de passe',
  'passwords.source_needed':
    'Saisissez le mot de passe actuel, ou choisissez d’en définir un nouveau.',
  'passwords.rules_unmet': 'Le mot de passe ne respecte pas encore toutes les règles.',
  'passwords.batch':
    'Pour plusieurs comptes, les mots de passe viennent du CSV ; à défaut, un nouveau mot de passe est défini sur la source renommée et un autre est généré pour la destination. Les mots de passe générés s’affichent à la fin.',
  'password.rule.min': 'au moins {min} caractères',
  'password.rule.max': 'au plus {max} caractères',
  'password.rule.complexity': '3 types parmi : minuscules, majuscules, chiffres, symboles',
  'password.rule.forbidden': 'pas d’accent, pas d’espace au début ni à la fin',
  'password.rule_met': 'respectée',
  'password.rule_unmet': 'non respectée',
  'password.problem.min': 'il doit comporter au moins {min} caractères',
  'password.problem.max': 'il doit comporter au plus {max} caractères',
  'password.problem.complexity':
    'il doit mêler 3 types de caractères parmi : minuscules, majuscules, chiffres, symboles',
  'password.problem.forbidden':
    'il contient des caractères que cette plateforme refuse (accents, espace au début ou à la fin)',
  'password.problem.control': 'il contient des caractères de contrôle',
  'password.problem.identity': 'il ne doit pas contenir le nom du compte ({names})',

  'plan.loading':
    'Préparation du plan : lecture des deux services, du compte, du domaine et du proxy…',
  'plan.summary': '{address} passe de {source} à {destination}.',
  'plan.checks': 'Vérifications',
  'plan.failed.one': '{count} vérification a échoué : la migration ne peut pas démarrer.',
  'plan.failed.other': '{count} vérifications ont échoué : la migration ne peut pas démarrer.',
  'plan.failed_action':
    'Faites ce que dit chaque vérification en échec, puis relancez la préparation.',
  'plan.steps': 'Ce qui va se passer, dans l’ordre',
  'plan.window_title': 'Fenêtre de courrier',
  'plan.window':
    'Du renommage de la source jusqu’à ce que le compte de destination soit prêt (quelques minutes), le courrier adressé à {address} est relayé par {relay} au lieu d’être distribué ; rien n’est perdu, il arrive dès que la destination existe.',
  'plan.not_migrated': 'Ce qui ne sera pas migré',
  'plan.not.calendars':
    'Calendriers, contacts et tâches (exportez-les depuis OWA si vous en avez besoin).',
  'plan.not.delegations':
    'Délégations, groupes et signatures automatiques : à recréer sur la destination.',
  'plan.not.redirections': 'Redirections et répondeurs : à recréer sur la destination.',
  'plan.not.rules': 'Règles et filtres de messagerie enregistrés sur le serveur.',
  'plan.not.groupware_dest':
    'La destination n’a ni calendrier ni contacts : ils restent sur la source renommée.',
  'plan.generated_title': 'Mots de passe générés',
  'plan.generated_destination': 'Mot de passe de {address} sur la destination :',
  'plan.generated_source': 'Nouveau mot de passe de la source renommée {address} :',
  'plan.generated_hint':
    'Notez-les maintenant : ils ne seront plus affichés et l’extension ne les conserve pas.',
  'plan.confirm_irreversible':
    'Je comprends que le déplacement de {address} par OVHcloud est irréversible : le compte de l’ancien MX Plan est supprimé.',
  'plan.start': 'Lancer la migration',
  'plan.again': 'Relancer la préparation',
  'plan.batch_intro':
    '{count} comptes seront déplacés l’un après l’autre. Chacun est vérifié juste avant de démarrer ; un compte qui échoue à ses vérifications reste tel quel et les autres continuent.',
  'plan.batch_start': 'Lancer les migrations',

  'check.pass': 'ok',
  'check.warn': 'à noter',
  'check.fail': 'bloquant',

  'pst.title': 'Sauvegarde avant le déplacement (PST)',
  'pst.intro':
    'Exchange peut produire un fichier PST de {address} (courrier, calendriers, contacts) à télécharger : une copie de sûreté de ce qui ne sera pas migré. Cela prend du temps pour une grosse boîte.',
  'pst.start': 'Demander une sauvegarde PST',
  'pst.requesting': 'Demande de la sauvegarde à Exchange…',
  'pst.exporting': 'Sauvegarde PST',
  'pst.download': 'Télécharger le fichier PST',
  'pst.expires': '(lien valable jusqu’au {date})',
  'pst.percent': '{percent} du fichier PST produit par OVHcloud',
  'pst.making_link': 'Fichier PST produit ; OVHcloud prépare son lien de téléchargement…',
  'pst.meanwhile':
    'Vous pouvez lancer la migration pendant ce temps (la sauvegarde porte sur la boîte telle qu’elle est maintenant), ou attendre le lien.',
  'pst.ready': 'La sauvegarde PST est prête.',
  'pst.keep':
    'Téléchargez-la avant l’expiration du lien et conservez-la : c’est votre copie de la boîte telle qu’elle est maintenant, qu’Outlook sait ouvrir. OVHcloud ne la réimporte pas.',
  'pst.failed_action': 'La migration n’en a pas besoin : vous pouvez la lancer sans, ou réessayer.',
  'pst.failed': 'La sauvegarde PST n’a pas pu être faite.',

  'run.waiting_lease': 'Nouvel essai automatique à {time}.',
  'run.loading': 'Lecture de la migration…',
  'run.title': 'Migration de {address}',
  'run.tasks': 'Étapes',
  'run.tasks_before': 'Étapes de la migration, où elle en était avant l’annulation',
  'run.interrupted_title': 'Cette migration a été interrompue.',
  'run.interrupted':
    'L’onglet a été fermé ou le navigateur redémarré pendant son exécution. Reprenez-la : les étapes terminées ne sont pas refaites et la copie continue là où elle en était.',
  'run.stop': 'Arrêter',
  'run.keep_going': 'Continuer',
  'run.stop_confirm_title': 'Arrêter la migration ?',
  'run.stop_does':
    'La migration s’arrête après l’action en cours. Rien n’est perdu : vous pourrez la reprendre plus tard ou l’annuler.',
  'run.resume': 'Reprendre',
  'run.resume_does': 'Repart de l’étape où elle s’est arrêtée ; ce qui est fait reste fait.',
  'run.retry': 'Réessayer',
  'run.retry_does': 'Relance l’étape en échec ({step}), puis la suite.',
  'run.rollback': 'Annuler la migration',
  'run.rollback_dismiss': 'Ne rien changer',
  'run.rollback_again': 'Relancer l’annulation',
  'run.rollback_does':
    'Remet {address} sur sa source comme avant : arrête la copie, renomme {provisional} en {address} avec ses alias, y recopie (et vérifie) ce qui est arrivé entre-temps sur la destination, puis réinitialise le compte de destination et rétablit les réglages du domaine.',
  'run.rollback_keeps': 'Aucun message n’est supprimé : la source garde tout son courrier.',
  'run.rollback_confirm_title': 'Annuler la migration ?',
  'run.rollback_will': 'L’annulation suit ces étapes, dans cet ordre :',
  'run.rollback_destination':
    'Le compte de destination n’est vidé qu’une fois tout son contenu vérifié sur la source ; si cela ne peut pas être vérifié, il est conservé avec son courrier.',
  'rollback.tasks': 'Étapes de l’annulation',
  'rollback.step_status.pending': 'à faire',
  'rollback.step_status.running': 'en cours',
  'rollback.step_status.stopped': 'interrompue ici : relancez l’annulation',
  'rollback.step_status.done': 'fait',
  'rollback.step_status.skipped': 'rien à défaire',
  'rollback.left_title': 'Reste à faire à la main',
  'run.rolled_back_title': 'Migration annulée.',
  'run.rolled_back': '{address} est de nouveau sur son service source, avec tout son courrier.',
  'run.waiting_task': 'En attente de la tâche OVHcloud {id} ({task}), depuis {duration}.',
  'run.waiting_task_plain': 'En attente de la tâche OVHcloud {id}, depuis {duration}.',
  'run.waiting_other': 'En attente d’OVHcloud, depuis {duration}. {detail}',
  'run.copied_back':
    'Avant la réinitialisation du compte de destination, ce qui y est arrivé pendant la migration a été recopié vers la source et vérifié : {messages} ({bytes}).',
  'run.copied_back_none':
    'Le compte de destination a été vérifié avant sa réinitialisation : il ne contenait rien de plus que la source, il n’y avait donc rien à recopier.',
  'run.copied_back_folder': 'Recopié dans {folder} et vérifié : {count} ({bytes})',
  'run.messages.one': '{count} message',
  'run.messages.other': '{count} messages',
  'run.passwords_title': 'Les mots de passe sont de nouveau nécessaires.',
  'run.passwords_why':
    'Ils ne sont gardés que le temps de la session du navigateur, et celui-ci a redémarré. Saisissez-les de nouveau pour reprendre.',
  'run.password_source': 'Mot de passe de la source renommée {address}',
  'run.password_destination': 'Mot de passe de {address} sur la destination',

  'status.ready': 'prête',
  'status.running': 'en cours',
  'status.paused': 'arrêtée',
  'status.interrupted': 'interrompue',
  'status.needs_passwords': 'mots de passe requis',
  'status.failed': 'en échec',
  'status.completed': 'terminée',
  'status.rolling_back': 'annulation en cours',
  'status.rollback_failed': 'annulation interrompue',
  'status.rolled_back': 'annulée',
  'status.refused': 'refusée par ses vérifications',
  'step_status.pending': 'à faire',
  'step_status.running': 'en cours',
  'step_status.done': 'terminée',
  'step_status.skipped': 'rien à faire',
  'step_status.failed': 'en échec',
  'folder_state.pending': 'en attente',
  'folder_state.copying': 'copie en cours',
  'folder_state.done': 'terminé',
  'folder_state.failed': 'en échec',

  'copy.title': 'Copie du courrier',
  'copy.overall': 'Tous les dossiers',
  'copy.overall_text': '{done} messages sur {total} ({percent}), {bytes} sur {bytesTotal}',
  'copy.counting': 'décompte des messages…',
  'copy.overall_short': '{done} messages sur {total}',
  'copy.rate': '{rate}, {messages} messages/s',
  'copy.rate_idle': 'En attente des serveurs…',
  'copy.eta': 'environ {eta} restantes',
  'copy.folders.one': '{count} dossier',
  'copy.folders.other': '{count} dossiers',
  'copy.folder_text': '{done} / {total} ({state})',
  'copy.failures.one': '{count} message n’a pas pu être copié : il figure dans le rapport.',
  'copy.failures.other':
    '{count} messages n’ont pas pu être copiés : ils figurent dans le rapport.',

  'announce.step': 'Étape {index} sur {count} : {title}',
  'announce.percent': 'Copie : {percent} %',
  'announce.outcome.ready': 'Migration prête.',
  'announce.outcome.running': 'Migration en cours.',
  'announce.outcome.paused': 'Migration arrêtée. Vous pouvez la reprendre.',
  'announce.outcome.needs_passwords': 'La migration a de nouveau besoin des mots de passe.',
  'announce.outcome.failed': 'La migration a échoué. Réessayez ou annulez-la.',
  'announce.outcome.completed': 'Migration terminée et vérifiée.',
  'announce.outcome.rolling_back': 'Annulation en cours.',
  'announce.outcome.rollback_failed': 'L’annulation s’est interrompue. Relancez-la.',
  'announce.outcome.rolled_back': 'Migration annulée : la source est comme avant.',

  'report.title': 'Rapport de migration',
  'report.done': '{address} a été déplacé.',
  'report.summary':
    '{address} se trouve désormais sur {destination}. Le compte source est conservé sous le nom {provisional}, avec tout son courrier.',
  'report.window':
    'Fenêtre de courrier mesurée : {duration} (le courrier a été relayé pendant ce temps, rien n’a été perdu).',
  'report.window_expected':
    'Fenêtre de courrier mesurée : {duration} (environ {expected} prévus ; le courrier a été relayé pendant ce temps, rien n’a été perdu).',
  'report.verified': 'Vérifié, dossier par dossier',
  'report.folder': 'Dossier',
  'report.messages': 'Messages',
  'report.size': 'Taille',
  'report.state': 'Contrôle',
  'report.match': 'identique',
  'report.mismatch': 'différent',
  'report.tasks': 'Ce qui a été fait par l’API OVHcloud',
  'report.task_ids.one': 'tâche {ids}',
  'report.task_ids.other': 'tâches {ids}',
  'report.reset_tasks.one': 'Source renommée libérée : tâche {ids}',
  'report.reset_tasks.other': 'Source renommée libérée : tâches {ids}',
  'report.manual': 'Reste à faire à la main',
  'report.manual.clients':
    'Reconfigurez les logiciels de messagerie de {address} : serveur IMAP {host}.',
  'report.manual.dns':
    'Corrigez le DNS de {domain} (ci-dessous) ; la propagation prend de 4 à 24 heures.',
  'report.manual.legacy_gone':
    'OVHcloud a déplacé {address} ; le compte de l’ancien MX Plan n’existe plus.',
  'report.manual.source_kept':
    'La source renommée {provisional} contient toujours le courrier : gardez-la comme sauvegarde, ou libérez-la ci-dessous quand vous êtes satisfait.',
  'report.manual.aliases': 'Recréez à la main les alias {aliases}.',
  'report.manual.groupware':
    'Recréez calendriers, contacts et délégations si vous en avez besoin sur la destination.',
  'report.free_title': 'Libérer la source renommée',
  'report.free_intro':
    '{provisional} n’est plus utile une fois que vous êtes satisfait : la libérer en refait un compte libre réutilisable.',
  'report.free': 'Libérer la source renommée…',
  'report.free_needs_verified': 'Seulement après une copie vérifiée identique dans chaque dossier.',
  'report.free_confirm_title': 'Libérer {provisional} ?',
  'report.free_confirm': 'Supprimer et libérer',
  'report.free_deletes':
    'Cela supprime le compte {provisional} et tout son courrier sur la source. Sa copie reste sur {address}, vérifiée identique. Cette action est irréversible.',
  'report.freed': '{provisional} a été libéré : son compte est de nouveau disponible.',
  'report.export': 'Conserver le rapport',
  'report.json': 'Télécharger en JSON',
  'report.csv': 'Télécharger en CSV',
  'report.log_csv': 'Télécharger le journal des messages (CSV)',
  'report.log_hint':
    'Le journal des messages liste chaque message de la copie et ce qu’il est devenu (copié, déjà présent, refusé et pourquoi) ; le proxy local le conserve, le JSON l’inclut.',
  'report.log_missing': 'Le JSON a été téléchargé sans le journal des messages.',
  'report.log_failed': 'Le journal des messages n’a pas pu être téléchargé.',
  'report.log_action':
    'Le proxy local le conserve : démarrez le proxy sur cet ordinateur (et appairez-le si besoin), puis téléchargez de nouveau.',
  'report.copy': 'Copier le texte',
  'report.copied': 'Copié',
  'report.copy_refused': 'Le navigateur n’a pas permis de copier le rapport.',
  'report.copy_refused_action':
    'Appuyez de nouveau sur le bouton avec cet onglet au premier plan, ou téléchargez plutôt le rapport en JSON ou en CSV.',
  'report.back_home': 'Revenir à l’accueil',
  'report.text.title': 'Migration de {address} vers {service}',
  'report.text.renamed': 'Source renommée en {provisional}.',

  'dns.title': 'DNS de {domain}',
  'dns.record': 'Enregistrement',
  'dns.expected': 'Attendu',
  'dns.state': 'État',
  'dns.mx': 'MX (réception du courrier)',
  'dns.spf': 'SPF (contrôle de l’expéditeur)',
  'dns.autodiscover': 'Autodiscover (configuration des logiciels)',
  'dns.ok': 'correct',
  'dns.wrong': 'à corriger',
  'dns.unknown': 'non vérifié',
  'dns.not_applicable': 'sans objet ici',
  'dns.fix': 'Corriger le DNS…',
  'dns.confirm_title': 'Modifier la zone DNS de {domain} ?',
  'dns.apply': 'Appliquer les modifications',
  'dns.change.mx': 'Enregistrements MX : remplacer {remove} par {add}.',
  'dns.change.spf': 'Enregistrement SPF : remplacer {remove} par {add}.',
  'dns.change.autodiscover': 'Enregistrement autodiscover : remplacer {remove} par {add}.',
  'dns.propagation': 'Les modifications DNS mettent de 4 à 24 heures à se propager.',
  'dns.fixed': 'La zone DNS a été modifiée et publiée.',
  'dns.failed': 'La zone DNS n’a pas pu être modifiée.',
  'dns.failed.action':
    'Réessayez dans un instant. Si cela échoue encore, modifiez les enregistrements vous-même dans l’espace client : Web Cloud → Noms de domaine → {domain} → Zone DNS.',
  'dns.not_hosted':
    'La zone de {domain} n’est pas hébergée chez OVHcloud dans ce compte : modifiez les enregistrements chez son hébergeur DNS.',

  'batch.title': 'Migration de {count} comptes',
  'batch.report_title': 'Rapport des migrations',
  'batch.done':
    'Terminées : {completed}. En échec : {failed}. Refusées par leurs vérifications : {refused}.',
  'batch.generated': 'Mot de passe de {address} sur la destination :',
  'batch.open': 'Détails',
  'batch.missing':
    'Ce lot a été lancé dans un autre onglet ou avant un rechargement : ouvrez chaque compte depuis l’accueil.',

  'action.cancel': 'Annuler',
  'action.relogin': 'Se reconnecter',
  'action.retry_load': 'Réessayer',
  'action.try_again': 'Réessayer',

  'error.unknown': 'La migration s’est arrêtée sur une erreur inattendue.',
  'error.unknown.action':
    'Réessayez ; si l’erreur revient, annulez la migration et envoyez le rapport au support.',
  'error.iam.title': 'Votre utilisateur OVHcloud n’a pas un droit nécessaire à cette étape.',
  'error.iam.action':
    'Demandez à l’administrateur du compte de l’accorder (politique IAM, l’action est indiquée ci-dessous), puis réessayez.',
  'error.iam.actions': 'Droit à accorder : {actions}',
  'error.low_privilege_session': 'Cette session n’a pas le droit de modifier le service.',
  'error.low_privilege_session.action': 'Reconnectez-vous avec tous les droits, puis reprenez.',
  'error.service_expired': 'Le service a expiré.',
  'error.service_expired.action': 'Renouvelez-le dans l’espace client, puis réessayez.',
  'error.rate_limited': 'L’API OVHcloud demande de ralentir.',
  'error.rate_limited.action': 'Attendez une minute, puis réessayez.',
  'error.preflight_failed': 'Une vérification a échoué : la migration ne peut pas démarrer.',
  'error.preflight_failed.action':
    'Faites ce que dit la vérification en échec, puis relancez la préparation.',
  'error.passwords_missing': 'Les mots de passe sont de nouveau nécessaires.',
  'error.passwords_missing.action': 'Saisissez-les ci-dessous, puis reprenez.',
  'error.session_expired': 'Votre session OVHcloud a expiré.',
  'error.session_expired.action':
    'Reconnectez-vous à l’espace client (le bouton vous ramène ici), puis reprenez : rien n’est perdu.',
  'error.domain_failed': 'Le domaine n’a pas pu être préparé sur les deux plateformes.',
  'error.domain_failed.action': 'Réessayez ; si l’erreur revient, annulez la migration.',
  'error.rename_failed': 'Le compte source n’a pas pu être renommé.',
  'error.rename_failed.action': 'Réessayez ; si l’erreur revient, annulez la migration.',
  'error.destination_failed': 'Le compte de destination n’a pas pu être configuré.',
  'error.destination_failed.action':
    'Réessayez ; si l’erreur revient, annulez la migration : la source sera remise en place.',
  'error.password_failed': 'Un mot de passe n’a pas pu être défini.',
  'error.password_failed.action': 'Réessayez ; si l’erreur revient, annulez la migration.',
  'error.proxy_unreachable': 'Le proxy local ne répond plus.',
  'error.proxy_unreachable.action':
    'Redémarrez-le sur cet ordinateur, puis réessayez : la copie reprend là où elle en était.',
  'error.copy_failed': 'La copie du courrier s’est arrêtée.',
  'error.copy_failed.action':
    'Corrigez ce qui est indiqué ci-dessus, puis réessayez : la copie reprend là où elle en était.',
  'error.copy_incomplete': 'Certains messages n’ont pas pu être copiés.',
  'error.copy_incomplete.action':
    'Ils figurent dans le rapport ; réessayez pour les copier de nouveau.',
  'error.verification_failed': 'La vérification a trouvé une différence entre les deux boîtes.',
  'error.verification_failed.action':
    'Réessayez : la copie complète ce qui manque, puis vérifie de nouveau.',
  'error.aliases_failed': 'Les alias n’ont pas tous pu être recréés.',
  'error.aliases_failed.action': 'Réessayez, ou recréez-les à la main sur la destination.',
  'error.rollback_failed': 'L’annulation s’est arrêtée avant la fin.',
  'error.rollback_failed.action': 'Relancez l’annulation : elle reprend là où elle s’est arrêtée.',
  'error.invalid_state': 'Cette action n’est pas possible dans l’état actuel de la migration.',
  'error.invalid_state.action': 'Rechargez le panneau pour voir où en est la migration.',
  'error.cancelled': 'Arrêtée.',
  'error.cancelled.action': 'Reprenez-la, ou annulez-la.',
  'error.not_confirmed': 'Le déplacement irréversible n’a pas été confirmé.',
  'error.not_confirmed.action': 'Cochez la confirmation, puis relancez.',
  'error.legacy_move_failed': 'Le déplacement du compte par OVHcloud a échoué.',
  'error.legacy_move_failed.action': 'Vérifiez le compte sur les deux services, puis réessayez.',
  'error.run_in_use': 'Cette migration se déroule dans un autre onglet ou une autre fenêtre.',
  'error.run_in_use.action':
    'Suivez-la là-bas. Si vous avez fermé cet onglet, attendez une minute et reprenez ici.',
  'error.store_failed':
    'L’avancement de la migration n’a pas pu être enregistré dans le navigateur.',
  'error.store_failed.action':
    'Libérez de l’espace dans le navigateur (ou redémarrez-le), puis reprenez : ce qui est fait reste fait.',

  'detail.ovhcloud': 'Réponse d’OVHcloud : « {text} ».',
  'detail.proxy': 'Message du proxy local (en anglais) : « {text} ».',
  'detail.other': 'Détail technique (en anglais) : « {text} ».',

  'proxyError.unauthorized': 'Le proxy local a refusé le jeton d’association.',
  'proxyError.forbidden_host':
    'Le proxy local a refusé une requête qui ne lui parvenait pas par son adresse locale.',
  'proxyError.forbidden_origin': 'Le proxy local a refusé une requête venant d’une page web.',
  'proxyError.bad_request': 'Le proxy local a refusé une requête mal formée.',
  'proxyError.not_found': 'Le proxy local ne connaît pas cette copie (autre dossier de données ?).',
  'proxyError.conflict': 'La copie n’est pas dans un état qui permet cette action.',
  'proxyError.credentials_required':
    'Le proxy local a redémarré et a de nouveau besoin des mots de passe.',
  'proxyError.internal':
    'Le proxy local a rencontré une erreur inattendue ; la copie est en pause.',
  'proxyError.host_not_allowed':
    'Le serveur de messagerie n’est pas un serveur OVHcloud ; le proxy le refuse.',
  'proxyError.host_unreachable': 'Le serveur de messagerie n’a pas pu être joint.',
  'proxyError.connection_timeout': 'Le serveur de messagerie n’a pas répondu à temps.',
  'proxyError.connection_lost': 'La connexion au serveur de messagerie a été coupée.',
  'proxyError.tls_failed': 'La connexion sécurisée au serveur de messagerie a échoué.',
  'proxyError.auth_failed': 'Le serveur de messagerie a refusé l’adresse ou le mot de passe.',
  'proxyError.mailbox_mismatch':
    'Cet identifiant ouvre une autre boîte que celle d’où la copie est partie : vérifiez l’adresse.',
  'proxyError.imap_disabled':
    'L’accès IMAP est désactivé sur ce compte : autorisez-le dans l’espace client.',
  'proxyError.quota_full':
    'La boîte de destination est pleine : augmentez son quota ou libérez de l’espace.',
  'proxyError.message_too_large': 'Un message dépasse la taille acceptée par la destination.',
  'proxyError.throttled': 'Le serveur de messagerie demande de ralentir.',
  'proxyError.server_unavailable': 'Le serveur de messagerie est momentanément indisponible.',
  'proxyError.folder_failed': 'Un dossier n’a pas pu être créé ou ouvert sur la destination.',
  'proxyError.message_failed': 'Un message n’a pas pu être copié.',
  'proxyError.protocol_error': 'Le serveur de messagerie a donné une réponse inattendue.',
  'proxyError.cancelled': 'La copie a été annulée.',
  'proxyError.pairing_pending': 'Une autre demande d’appairage attend déjà dans le proxy.',
  'proxyError.pairing_wrong_code': 'Ce n’est pas le code qu’affiche le proxy.',
  'proxyError.pairing_expired': 'La demande d’appairage est terminée : recommencez l’appairage.',
  'proxyError.pairing_cooldown':
    'Trop de codes d’appairage erronés à l’instant : patientez un peu, puis recommencez l’appairage.',

  // The pairing card (components/pairing/) and the options page (issue 11).
  'options.title': 'OVHcloud Migrer de plateforme : le proxy compagnon',
  'options.intro':
    'L’extension copie le courrier grâce à un petit programme qui tourne sur cet ordinateur, le proxy compagnon (ovh-migrate-proxy). Lancez-le, puis appairez ce navigateur avec lui ici, une seule fois.',
  'pairing.url_label': 'Adresse du proxy',
  'pairing.url_hint':
    "Sur cet ordinateur : http://127.0.0.1 et le port qu'affiche le proxy (7464 sauf si vous en avez choisi un autre).",
  'pairing.token_label': "Jeton d'appairage",
  'pairing.token_hint':
    "La ligne « Pairing token: … » qu'affiche le proxy au démarrage. Ce n'est pas un mot de passe ; il reste dans ce navigateur.",
  'pairing.pair_by_hand': 'Appairer',
  'pairing.check': 'Vérifier de nouveau',
  'pairing.input':
    "Vérifiez l'adresse (par exemple http://127.0.0.1:7464, sur cet ordinateur) et collez le jeton en entier.",
  'pairing.background':
    "L'arrière-plan de l'extension n'a pas répondu : rechargez l'extension et réessayez.",
  'pairing.checking': 'Recherche du proxy sur cet ordinateur…',
  'pairing.ready': 'Appairé avec le proxy {version} à l’adresse {url}.',
  'pairing.next':
    'Ensuite : ouvrez l’espace client OVHcloud, allez dans votre service e-mail (Exchange, E-mail Pro ou MX Plan) et appuyez sur « Migrer de plateforme ».',
  'pairing.open_panel': 'Ouvrir l’espace client OVHcloud',
  'pairing.found':
    'Le proxy tourne sur cet ordinateur ({url}), mais ce navigateur n’est pas encore appairé avec lui.',
  'pairing.refused':
    'Le proxy à l’adresse {url} a refusé le jeton de ce navigateur : il a été réinitialisé, ou un autre proxy tourne à cette adresse. Appairez à nouveau.',
  'pairing.absent':
    'Le proxy ne tourne pas sur cet ordinateur (rien ne répond à l’adresse {url}). Lancez-le (le programme ovh-migrate-proxy, ou npm start dans le projet), puis appuyez sur Vérifier à nouveau.',
  'pairing.incompatible':
    'Le programme à l’adresse {url} n’est pas un proxy utilisable par cette extension : installez la même version de l’extension et du proxy.',
  'pairing.start': 'Appairer avec le proxy de cet ordinateur',
  'pairing.code_prompt':
    'Le proxy affiche maintenant un code à {length} chiffres dans sa fenêtre. Tapez-le ici (avant {time}) :',
  'pairing.code_label': 'Code affiché par le proxy',
  'pairing.confirm': 'Appairer',
  'pairing.cancel': 'Annuler',
  'pairing.wrong_code': 'Ce n’est pas le code qu’affiche le proxy. Essais restants : {left}.',
  'pairing.too_many':
    'Trop de codes erronés : le proxy a annulé la demande. Recommencez pour obtenir un nouveau code.',
  'pairing.too_many_wait.one':
    'Trop de codes erronés : le proxy a annulé la demande. Patientez {count} seconde, puis recommencez pour obtenir un nouveau code.',
  'pairing.too_many_wait.other':
    'Trop de codes erronés : le proxy a annulé la demande. Patientez {count} secondes, puis recommencez pour obtenir un nouveau code.',
  'pairing.cooldown.one':
    'Des codes erronés viennent d’être tapés : le proxy n’accepte pas de nouvelle demande d’appairage pendant un court instant (personne ne peut ainsi deviner le code). Patientez {count} seconde, puis appuyez à nouveau sur « {start} ».',
  'pairing.cooldown.other':
    'Des codes erronés viennent d’être tapés : le proxy n’accepte pas de nouvelle demande d’appairage pendant un court instant (personne ne peut ainsi deviner le code). Patientez {count} secondes, puis appuyez à nouveau sur « {start} ».',
  'pairing.expired':
    'Cette demande d’appairage est terminée (elle a expiré ou a été annulée). Recommencez pour obtenir un nouveau code.',
  'pairing.pending':
    'Une autre demande d’appairage attend déjà dans la fenêtre du proxy. Tapez son code là où il a été demandé, ou attendez quelques minutes et recommencez.',
  'pairing.unreachable':
    'Rien ne répond à l’adresse {url} : lancez (ou relancez) le proxy, puis appuyez sur Vérifier à nouveau.',
  'pairing.failed': 'L’appairage a échoué : {message}',
  'pairing.code_missing': 'Tapez le code qu’affiche le proxy.',
  'pairing.manual': 'Appairer à la main avec le jeton qu’affiche le proxy',
  'pairing.manual_other': 'Appairer avec un autre proxy, à la main',
  'pairing.token_refused':
    'Le proxy à l’adresse {url} a refusé ce jeton : collez en entier la ligne « Pairing token » qu’affiche le proxy.',
};

export const fr: Record<MessageKey, string> = { ...frUi, ...frStepTitles };
