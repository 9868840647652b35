/**
 * The panel's English strings: the source of truth for keys (fr.ts must have every one, the
 * compiler checks). `{name}` is a parameter; `.one` / `.other` pairs are plurals. lib/migration's
 * keys are in en-migration.ts.
 */
import { enStepTitles } from './en-migration.ts';

export const enUi = {
  'panel.title': 'Migrate platform',
  'panel.close': 'Close the migration panel',

  'home.title': 'Move mailboxes to another platform',
  'home.resume_title': 'Migrations in progress',
  'home.intro':
    'Move an account from Exchange or E-mail Pro to another Exchange, E-mail Pro or MX Plan service, with its mail, its address and its aliases. Every step is checked first and can be undone.',
  'home.page_service': 'This page shows the {product} service {service}.',
  'home.page_account': 'Account: {address}.',
  'home.new': 'New migration',
  'home.run_line': '{address} to {destination}',
  'home.updated': 'last change {date}',
  'home.open_run': 'Open',
  'home.finished_count': 'Finished migrations kept in this browser: {count}.',

  'proxy.ready.title': 'The companion proxy is ready.',
  'proxy.ready.action': '',
  'proxy.not_configured.title': 'The companion proxy is not running on this computer.',
  'proxy.not_configured.action':
    'The copy of the mail goes through a small program on this computer, the companion proxy. Start it in one of these ways and leave its window open:',
  'proxy.unreachable.title': 'The companion proxy is not running at {url}.',
  'proxy.unreachable.action':
    'The copy of the mail needs it. Start it on this computer in one of these ways and leave its window open:',
  'proxy.found.title': 'Pair the extension with the companion proxy.',
  'proxy.found.action':
    'The proxy runs on this computer. Pair this browser with it once: it shows a 6-digit code in its window, type it here.',
  'proxy.unpaired.title': 'The companion proxy refused the pairing token.',
  'proxy.unpaired.action':
    'Pair this browser with it again: it shows a 6-digit code in its window, type it here.',
  'proxy.incompatible.title': 'The program at {url} is not a compatible companion proxy.',
  'proxy.incompatible.action':
    'Update the proxy and the extension to the same version, or check the address in the extension options.',
  'proxy.background.title': "The extension's background does not answer.",
  'proxy.background.action': 'Reload the page; if it persists, restart the browser.',
  'proxy.start.executable': 'the program you downloaded:',
  'proxy.start.package': 'installed with npm:',
  'proxy.start.project': 'from the project folder:',
  'proxy.start.then': 'It prints “READY” when it listens. Then press “{check}”.',
  'proxy.check_again': 'Check again',

  'wizard.progress': 'Migration steps',
  'wizard.source.title': 'Source',
  'wizard.source.heading': 'Which account moves?',
  'wizard.destination.title': 'Destination',
  'wizard.destination.heading': 'Where does it go?',
  'wizard.passwords.title': 'Passwords',
  'wizard.passwords.heading': 'Passwords',
  'wizard.plan.title': 'Plan',
  'wizard.plan.heading': 'Check the plan',
  'wizard.next': 'Next',
  'wizard.back': 'Back',
  'wizard.cancel': 'Cancel',
  'wizard.loading_services': 'Reading your e-mail services…',

  'load.failed': 'Your e-mail services could not be read.',
  'load.failed.action': 'Check your connection, then try again.',

  'source.service': 'Source service',
  'source.this_page': 'this page',
  'source.search': 'Search an account',
  'source.search_hint': 'Accounts shown: {count} of {total}',
  'source.more': 'Show more accounts ({count} more)',
  'source.reading_account': 'reading…',
  'source.details_failed': 'The details of these accounts could not be read.',
  'source.several': 'Move several accounts',
  'source.account': 'Account',
  'source.accounts': 'Accounts',
  'source.no_match': 'No account matches this search.',
  'source.batch_summary':
    '{count} accounts selected: they will move one after the other, each to its own free slot.',
  'source.choose_first': 'Choose an account first.',
  'source.csv': 'Or import a CSV file',
  'source.csv_hint':
    'One line per account, with a header: address, and optionally source_password, destination_password, provisional_login.',
  'source.csv_error': 'The CSV could not be used: unknown accounts or bad format ({addresses}).',
  'account.ok': 'ok',
  'account.busy': 'change in progress',
  'account.size_estimate': 'about {size}',

  'destination.intro.one': 'Size to move: about {size}.',
  'destination.intro.other': 'Size to move: about {size} ({count} accounts).',
  'destination.legend': 'Destination service',
  'destination.free_slots.one': '{count} free slot',
  'destination.free_slots.other': '{count} free slots',
  'destination.fit.fits': 'fits',
  'destination.fit.create': 'accounts are created',
  'destination.fit.too_big': 'too large for it',
  'destination.fit.no_slot': 'no free slot',
  'destination.fit.not_enough': 'not enough free slots',
  'destination.fit.unreadable': 'could not be read',
  'destination.fit.loading': 'reading…',
  'destination.choose_first': 'Choose a destination first.',

  'passwords.source_legend': 'How the copy logs in to {address}',
  'passwords.keep': 'I know its current password',
  'passwords.keep_hint':
    'The password stays as it is; its mail clients keep working until you switch them.',
  'passwords.set': 'Set a new password on the renamed source',
  'passwords.set_hint': 'A strong password is generated; you do not need to know the current one.',
  'passwords.source_current': 'Current password of {address}',
  'passwords.source_current_hint': 'Used for the copy only, kept in memory for this session.',
  'passwords.destination_legend': 'Password of the destination account',
  'passwords.generate': 'Generate a strong password',
  'passwords.generate_hint': 'It is shown once on the next screen: give it to the account user.',
  'passwords.choose': 'Choose the password',
  'passwords.destination_new': 'New password',
  'passwords.source_needed': 'Type the current password, or choose to set a new one.',
  'passwords.rules_unmet': 'The password does not follow every rule yet.',
  'passwords.batch':
    'For several accounts, the passwords come from the CSV; where it has none, a new password is set on the renamed source and one is generated for the destination. Generated passwords are shown at the end.',
  'password.rule.min': 'at least {min} characters',
  'password.rule.max': 'at most {max} characters',
  'password.rule.complexity': '3 of: lower case, upper case, digits, symbols',
  'password.rule.forbidden': 'no accents, no space at the start or end',
  'password.rule_met': 'met',
  'password.rule_unmet': 'not met',
  'password.problem.min': 'it must have at least {min} characters',
  'password.problem.max': 'it must have at most {max} characters',
  'password.problem.complexity': 'it must mix 3 of: lower case, upper case, digits, symbols',
  'password.problem.forbidden':
    'it contains characters this platform refuses (accents, spaces at the ends)',
  'password.problem.control': 'it contains control characters',
  'password.problem.identity': "it must not contain the account's name ({names})",

  'plan.loading':
    'Preparing the plan: reading both services, the account, the domain and the proxy…',
  'plan.summary': '{address} moves from {source} to {destination}.',
  'plan.checks': 'Checks',
  'plan.failed.one': '{count} check failed: the migration cannot start.',
  'plan.failed.other': '{count} checks failed: the migration cannot start.',
  'plan.failed_action': 'Do what each failed check says, then prepare the plan again.',
  'plan.steps': 'What will happen, in order',
  'plan.window_title': 'Mail window',
  'plan.window':
    'From the rename of the source until the destination account is ready (a few minutes), mail to {address} is relayed through {relay} rather than delivered; nothing is lost, it arrives once the destination exists.',
  'plan.not_migrated': 'What will not migrate',
  'plan.not.calendars': 'Calendars, contacts and tasks (export them from OWA if you need them).',
  'plan.not.delegations': 'Delegations, groups and footers: recreate them on the destination.',
  'plan.not.redirections': 'Redirections and auto-replies: recreate them on the destination.',
  'plan.not.rules': 'Mail client rules and filters stored on the server.',
  'plan.not.groupware_dest':
    'The destination has no calendars or contacts: they stay on the renamed source.',
  'plan.generated_title': 'Generated passwords',
  'plan.generated_destination': 'Password of {address} on the destination:',
  'plan.generated_source': 'New password of the renamed source {address}:',
  'plan.generated_hint':
    'Write them down now: they are not shown again and not stored by the extension.',
  'plan.confirm_irreversible':
    'I understand that OVHcloud’s move of {address} cannot be undone: the legacy MX Plan account is removed.',
  'plan.start': 'Start the migration',
  'plan.again': 'Prepare the plan again',
  'plan.batch_intro':
    '{count} accounts will move one after the other. Each is checked just before it starts; one that fails its checks is left as it is and the others go on.',
  'plan.batch_start': 'Start the migrations',

  'check.pass': 'ok',
  'check.warn': 'note',
  'check.fail': 'blocking',

  'pst.title': 'Backup before the move (PST)',
  'pst.intro':
    'Exchange can make a PST file of {address} (mail, calendars, contacts) that you download: a safe copy of what will not migrate. It takes a while for a large mailbox.',
  'pst.start': 'Request a PST backup',
  'pst.requesting': 'Asking Exchange for the backup…',
  'pst.exporting': 'PST backup',
  'pst.download': 'Download the PST file',
  'pst.expires': '(link valid until {date})',
  'pst.percent': '{percent} of the PST file made by OVHcloud',
  'pst.making_link': 'PST file made; OVHcloud prepares its download link…',
  'pst.meanwhile':
    'You can start the migration meanwhile (the backup is of the mailbox as it is now), or wait for the link.',
  'pst.ready': 'The PST backup is ready.',
  'pst.keep':
    'Download it before the link expires and keep it: it is your copy of the mailbox as it is now, which Outlook can open. OVHcloud does not import it back.',
  'pst.failed_action': 'The migration does not need it: you can start without it, or try again.',
  'pst.failed': 'The PST backup could not be made.',

  'run.waiting_lease': 'It is tried again by itself at {time}.',
  'run.loading': 'Reading the migration…',
  'run.title': 'Migration of {address}',
  'run.tasks': 'Steps',
  'run.tasks_before': 'The migration’s steps, where it was before the rollback',
  'run.interrupted_title': 'This migration was interrupted.',
  'run.interrupted':
    'The tab was closed or the browser restarted while it ran. Resume it: finished steps are not done again, and the copy continues where it was.',
  'run.stop': 'Stop',
  'run.keep_going': 'Keep going',
  'run.stop_confirm_title': 'Stop the migration?',
  'run.stop_does':
    'The migration stops after the current action. Nothing is lost: you can resume it later or roll it back.',
  'run.resume': 'Resume',
  'run.resume_does': 'Continues from the step where it stopped; what is done stays done.',
  'run.retry': 'Retry',
  'run.retry_does': 'Runs the failed step ({step}) again, then the rest.',
  'run.rollback': 'Roll back',
  'run.rollback_dismiss': 'Not now',
  'run.rollback_again': 'Roll back again',
  'run.rollback_does':
    'Puts {address} back on its source as it was: stops the copy, renames {provisional} back to {address} with its aliases, copies back to it (and verifies) what reached the destination meanwhile, then resets the destination account and restores the domain settings.',
  'run.rollback_keeps': 'No message is deleted: the source keeps all its mail.',
  'run.rollback_confirm_title': 'Roll the migration back?',
  'run.rollback_will': 'The rollback takes these steps, in this order:',
  'run.rollback_destination':
    'The destination account is emptied only once everything it holds is verified on the source; if that cannot be verified, it is kept with its mail.',
  'rollback.tasks': 'Rollback steps',
  'rollback.step_status.pending': 'to do',
  'rollback.step_status.running': 'in progress',
  'rollback.step_status.stopped': 'stopped here: roll back again',
  'rollback.step_status.done': 'done',
  'rollback.step_status.skipped': 'nothing to undo',
  'rollback.left_title': 'Left to do by hand',
  'rollback.warning.domain_not_removed':
    '{domain} was added to {service} and could not be removed: remove it there by hand.',
  'rollback.warning.domain_still_there':
    '{domain} was added to {service} and is still there: remove it there by hand if you no longer need it.',
  'rollback.warning.source_not_authoritative':
    '{domain} stays non-authoritative on {service}: it is still on {destination}. Remove it there, then switch it back to authoritative.',
  'rollback.warning.destination_not_authoritative':
    '{domain} stays non-authoritative on {service}: switch it back to authoritative there if it was before.',
  'rollback.warning.password_changed':
    'The source password was changed by this run; the new one stays on {address}: use it from now on.',
  'rollback.warning.password_maybe_changed':
    'The source password may have been changed by this run (its change was sent): if the old one no longer works on {address}, use the new one.',
  'rollback.warning.password_for_copy_back':
    'The source got its new password so the mail could be copied back; it stays on {address}: use it from now on.',
  'run.rolled_back_title': 'Rolled back.',
  'run.rolled_back': '{address} is back on its source service with all its mail.',
  'run.waiting_task': 'Waiting for OVHcloud task {id} ({task}), {duration}.',
  'run.waiting_task_plain': 'Waiting for OVHcloud task {id}, {duration}.',
  'run.waiting_other': 'Waiting for OVHcloud, {duration}. {detail}',
  'run.copied_back':
    'Before the destination account was reset, what reached it during the migration was copied back to the source and verified: {messages} ({bytes}).',
  'run.copied_back_none':
    'The destination account was checked before it was reset: it held nothing the source lacked, nothing had to be copied back.',
  'run.copied_back_folder': 'Copied back to {folder} and verified: {count} ({bytes})',
  'run.messages.one': '{count} message',
  'run.messages.other': '{count} messages',
  'run.passwords_title': 'The passwords are needed again.',
  'run.passwords_why':
    'They are kept for the browser session only, and the browser was restarted. Type them again to resume.',
  'run.password_source': 'Password of the renamed source {address}',
  'run.password_destination': 'Password of {address} on the destination',

  'status.ready': 'ready',
  'status.running': 'in progress',
  'status.paused': 'stopped',
  'status.interrupted': 'interrupted',
  'status.needs_passwords': 'passwords needed',
  'status.failed': 'failed',
  'status.completed': 'completed',
  'status.rolling_back': 'rolling back',
  'status.rollback_failed': 'rollback stopped',
  'status.rolled_back': 'rolled back',
  'status.refused': 'refused by its checks',
  'step_status.pending': 'to do',
  'step_status.running': 'in progress',
  'step_status.done': 'done',
  'step_status.skipped': 'nothing to do',
  'step_status.failed': 'failed',
  'folder_state.pending': 'waiting',
  'folder_state.copying': 'copying',
  'folder_state.done': 'done',
  'folder_state.failed': 'failed',

  'copy.title': 'Copy of the mail',
  'copy.overall': 'All folders',
  'copy.overall_text': '{done} of {total} messages ({percent}), {bytes} of {bytesTotal}',
  'copy.counting': 'counting the messages…',
  'copy.overall_short': '{done} of {total} messages',
  'copy.rate': '{rate}, {messages} messages/s',
  'copy.rate_idle': 'Waiting for the servers…',
  'copy.eta': 'about {eta} left',
  'copy.folders.one': '{count} folder',
  'copy.folders.other': '{count} folders',
  'copy.folder_text': '{done} / {total} ({state})',
  'copy.failures.one': '{count} message could not be copied: it is listed in the report.',
  'copy.failures.other': '{count} messages could not be copied: they are listed in the report.',

  'announce.step': 'Step {index} of {count}: {title}',
  'announce.percent': 'Copy: {percent} %',
  'announce.outcome.ready': 'Migration ready.',
  'announce.outcome.running': 'Migration in progress.',
  'announce.outcome.paused': 'Migration stopped. You can resume it.',
  'announce.outcome.needs_passwords': 'The migration needs the passwords again.',
  'announce.outcome.failed': 'The migration failed. Retry or roll back.',
  'announce.outcome.completed': 'Migration completed and verified.',
  'announce.outcome.rolling_back': 'Rolling back.',
  'announce.outcome.rollback_failed': 'The rollback stopped. Roll back again.',
  'announce.outcome.rolled_back': 'Rolled back: the source is as it was.',

  'report.title': 'Migration report',
  'report.done': '{address} has moved.',
  'report.summary':
    '{address} now lives on {destination}. The source account is kept under the name {provisional}, with all its mail.',
  'report.window': 'Mail window measured: {duration} (mail was relayed meanwhile, none was lost).',
  'report.window_expected':
    'Mail window measured: {duration}, expected about {expected} (mail was relayed meanwhile, none was lost).',
  'report.verified': 'Verified, folder by folder',
  'report.folder': 'Folder',
  'report.messages': 'Messages',
  'report.size': 'Size',
  'report.state': 'Check',
  'report.match': 'identical',
  'report.mismatch': 'different',
  'report.tasks': 'What was done through the OVHcloud API',
  'report.task_ids.one': 'task {ids}',
  'report.task_ids.other': 'tasks {ids}',
  'report.reset_tasks.one': 'Renamed source freed: task {ids}',
  'report.reset_tasks.other': 'Renamed source freed: tasks {ids}',
  'report.manual': 'Left to do by hand',
  'report.manual.clients': 'Reconfigure the mail clients of {address}: IMAP server {host}.',
  'report.manual.dns': 'Fix the DNS of {domain} (below); changes take 4 to 24 hours to spread.',
  'report.manual.legacy_gone': 'OVHcloud moved {address}; the legacy MX Plan account is gone.',
  'report.manual.source_kept':
    'The renamed source {provisional} still holds the mail: keep it as a backup, or free it below once you are satisfied.',
  'report.manual.aliases': 'Recreate the aliases {aliases} by hand.',
  'report.manual.groupware':
    'Recreate calendars, contacts and delegations if you need them on the destination.',
  'report.free_title': 'Free the renamed source',
  'report.free_intro':
    '{provisional} is no longer needed once you are satisfied: freeing it turns it back into a free slot you can reuse.',
  'report.free': 'Free the renamed source…',
  'report.free_needs_verified': 'Only after a copy verified identical in every folder.',
  'report.free_confirm_title': 'Free {provisional}?',
  'report.free_confirm': 'Delete and free',
  'report.free_deletes':
    'This deletes the account {provisional} and all its mail on the source. Its copy stays on {address}, verified identical. This cannot be undone.',
  'report.freed': '{provisional} was freed: its slot is available again.',
  'report.export': 'Keep the report',
  'report.json': 'Download JSON',
  'report.csv': 'Download CSV',
  'report.log_csv': 'Download the message log (CSV)',
  'report.log_hint':
    'The message log lists every message of the copy with what became of it (copied, already there, refused and why); the companion proxy keeps it, the JSON includes it.',
  'report.log_missing': 'The JSON was downloaded without the message log.',
  'report.log_failed': 'The message log could not be downloaded.',
  'report.log_action':
    'The companion proxy keeps it: start the proxy on this computer (and pair it if asked), then download again.',
  'report.copy': 'Copy as text',
  'report.copied': 'Copied',
  'report.copy_refused': 'The browser did not let the report be copied.',
  'report.copy_refused_action':
    'Press the button again while this tab is in front, or download the report as JSON or CSV instead.',
  'report.back_home': 'Back to the start',
  'report.text.title': 'Migration of {address} to {service}',
  'report.text.renamed': 'Source renamed to {provisional}.',

  'dns.title': 'DNS of {domain}',
  'dns.record': 'Record',
  'dns.expected': 'Expected',
  'dns.state': 'State',
  'dns.mx': 'MX (mail delivery)',
  'dns.spf': 'SPF (sender check)',
  'dns.autodiscover': 'Autodiscover (client set-up)',
  'dns.ok': 'correct',
  'dns.wrong': 'to fix',
  'dns.unknown': 'not checked',
  'dns.not_applicable': 'not used here',
  'dns.fix': 'Fix the DNS…',
  'dns.confirm_title': 'Change the DNS zone of {domain}?',
  'dns.apply': 'Apply the changes',
  'dns.change.mx': 'MX records: replace {remove} with {add}.',
  'dns.change.spf': 'SPF record: replace {remove} with {add}.',
  'dns.change.autodiscover': 'Autodiscover record: replace {remove} with {add}.',
  'dns.propagation': 'DNS changes take 4 to 24 hours to reach everyone.',
  'dns.fixed': 'The DNS zone was changed and published.',
  'dns.failed': 'The DNS zone could not be changed.',
  'dns.failed.action':
    'Try again in a moment. If it fails again, change the records yourself in the control panel: Web Cloud → Domain names → {domain} → DNS zone.',
  'dns.not_hosted':
    'The zone of {domain} is not hosted at OVHcloud in this account: change the records at its DNS host.',

  'batch.title': 'Migration of {count} accounts',
  'batch.report_title': 'Report of the migrations',
  'batch.done': 'Completed: {completed}. Failed: {failed}. Refused by their checks: {refused}.',
  'batch.generated': 'Password of {address} on the destination:',
  'batch.open': 'Details',
  'batch.missing':
    'This batch was started in another tab or before a reload: open each account from the start page.',

  'action.cancel': 'Cancel',
  'action.relogin': 'Log in again',
  'action.retry_load': 'Try again',
  'action.try_again': 'Try again',

  'error.unknown': 'The migration stopped on an unexpected error.',
  'error.unknown.action': 'Retry; if it fails again, roll back and send the report to support.',
  'error.iam.title': 'Your OVHcloud user lacks a right for this step.',
  'error.iam.action':
    'Ask the account administrator to grant it (IAM policy, the action is named below), then retry.',
  'error.iam.actions': 'Right to grant: {actions}',
  'error.low_privilege_session': 'This session may not change the service.',
  'error.low_privilege_session.action': 'Log in again with full rights, then resume.',
  'error.service_expired': 'The service has expired.',
  'error.service_expired.action': 'Renew it in the control panel, then retry.',
  'error.rate_limited': 'The OVHcloud API asked to slow down.',
  'error.rate_limited.action': 'Wait a minute, then retry.',
  'error.preflight_failed': 'A check failed: the migration cannot start.',
  'error.preflight_failed.action': 'Do what the failed check says, then prepare the plan again.',
  'error.passwords_missing': 'The passwords are needed again.',
  'error.passwords_missing.action': 'Type them again below, then resume.',
  'error.session_expired': 'Your OVHcloud session expired.',
  'error.session_expired.action':
    'Log in again in the control panel (the button brings you back here), then resume: nothing is lost.',
  'error.domain_failed': 'The domain could not be set up on both platforms.',
  'error.domain_failed.action': 'Retry; if it fails again, roll back.',
  'error.rename_failed': 'The source account could not be renamed.',
  'error.rename_failed.action': 'Retry; if it fails again, roll back.',
  'error.destination_failed': 'The destination account could not be set up.',
  'error.destination_failed.action': 'Retry; if it fails again, roll back: the source is put back.',
  'error.password_failed': 'A password could not be set.',
  'error.password_failed.action': 'Retry; if it fails again, roll back.',
  'error.proxy_unreachable': 'The companion proxy stopped answering.',
  'error.proxy_unreachable.action':
    'Start it again on this computer, then retry: the copy continues where it was.',
  'error.copy_failed': 'The copy of the mail stopped.',
  'error.copy_failed.action':
    'Fix what is said above, then retry: the copy continues where it was.',
  'error.copy_incomplete': 'Some messages could not be copied.',
  'error.copy_incomplete.action': 'They are listed in the report; retry to try them again.',
  'error.verification_failed': 'The verification found a difference between the two mailboxes.',
  'error.verification_failed.action': 'Retry: the copy fills what is missing, then checks again.',
  'error.aliases_failed': 'The aliases could not all be recreated.',
  'error.aliases_failed.action': 'Retry; or recreate them by hand on the destination.',
  'error.rollback_failed': 'The rollback stopped before the end.',
  'error.rollback_failed.action': 'Roll back again: it continues where it stopped.',
  'error.invalid_state': 'This action is not possible in the migration’s current state.',
  'error.invalid_state.action': 'Reload the panel to see where the migration is.',
  'error.cancelled': 'Stopped.',
  'error.cancelled.action': 'Resume, or roll back.',
  'error.not_confirmed': 'The irreversible move was not confirmed.',
  'error.not_confirmed.action': 'Tick the confirmation, then start again.',
  'error.legacy_move_failed': 'OVHcloud’s move of the account failed.',
  'error.legacy_move_failed.action': 'Check the account on both services, then retry.',
  'error.run_in_use': 'This migration is running in another tab or window.',
  'error.run_in_use.action':
    'Follow it there. If you closed that tab, wait a minute and resume here.',
  'error.store_failed': 'The migration’s progress could not be saved in the browser.',
  'error.store_failed.action':
    'Free some space in the browser (or restart it), then resume: what is done stays done.',

  'detail.ovhcloud': 'OVHcloud answered: “{text}”.',
  'detail.proxy': 'The companion proxy said: “{text}”.',
  'detail.other': 'Details: “{text}”.',

  'proxyError.unauthorized': 'The companion proxy refused the pairing token.',
  'proxyError.forbidden_host':
    'The companion proxy refused a request that did not come by its loopback name.',
  'proxyError.forbidden_origin': 'The companion proxy refused a request from a web page.',
  'proxyError.bad_request': 'The companion proxy refused a malformed request.',
  'proxyError.not_found': 'The companion proxy does not know this copy (another data folder?).',
  'proxyError.conflict': 'The copy is not in a state that allows this.',
  'proxyError.credentials_required': 'The companion proxy restarted and needs the passwords again.',
  'proxyError.internal': 'The companion proxy hit an unexpected error; the copy is paused.',
  'proxyError.host_not_allowed': 'The mail server is not an OVHcloud server; the proxy refuses it.',
  'proxyError.host_unreachable': 'The mail server could not be reached.',
  'proxyError.connection_timeout': 'The mail server did not answer in time.',
  'proxyError.connection_lost': 'The connection to the mail server dropped.',
  'proxyError.tls_failed': 'The secure connection to the mail server failed.',
  'proxyError.auth_failed': 'The mail server refused the address or the password.',
  'proxyError.mailbox_mismatch':
    'This login opens another mailbox than the one the copy started from: check the address.',
  'proxyError.imap_disabled':
    'IMAP access is disabled on this account: allow it in the control panel.',
  'proxyError.quota_full': 'The destination mailbox is full: raise its quota or free space.',
  'proxyError.message_too_large': 'A message is larger than the destination accepts.',
  'proxyError.throttled': 'The mail server asked to slow down.',
  'proxyError.server_unavailable': 'The mail server is temporarily unavailable.',
  'proxyError.folder_failed': 'A folder could not be created or opened on the destination.',
  'proxyError.message_failed': 'A message could not be copied.',
  'proxyError.protocol_error': 'The mail server gave an unexpected answer.',
  'proxyError.cancelled': 'The copy was cancelled.',
  'proxyError.pairing_pending': 'Another pairing request is already waiting in the proxy.',
  'proxyError.pairing_wrong_code': 'That is not the code the proxy shows.',
  'proxyError.pairing_expired': 'The pairing request has ended: start pairing again.',
  'proxyError.pairing_cooldown':
    'Too many wrong pairing codes just now: wait a little, then start pairing again.',

  // The pairing card (components/pairing/) and the options page (issue 11).
  'options.title': 'OVHcloud Migrate platform: the companion proxy',
  'options.intro':
    'The extension copies mail through a small program that runs on this computer, the companion proxy (ovh-migrate-proxy). Start it, then pair this browser with it here, once.',
  'pairing.url_label': 'Proxy address',
  'pairing.url_hint':
    'On this computer: http://127.0.0.1 and the port the proxy prints (7464 unless you chose another).',
  'pairing.token_label': 'Pairing token',
  'pairing.token_hint':
    'The line “Pairing token: …” the proxy prints when it starts. It is not a password, and stays in this browser.',
  'pairing.pair_by_hand': 'Pair',
  'pairing.check': 'Check again',
  'pairing.input':
    'Check the address (such as http://127.0.0.1:7464, on this computer) and paste the whole token.',
  'pairing.background':
    "The extension's background did not answer: reload the extension and try again.",
  'pairing.checking': 'Looking for the proxy on this computer…',
  'pairing.ready': 'Paired with the proxy {version} at {url}.',
  'pairing.next':
    'Next: open the OVHcloud control panel, go to your e-mail service (Exchange, E-mail Pro or MX Plan) and press “Migrate platform”.',
  'pairing.open_panel': 'Open the OVHcloud control panel',
  'pairing.found':
    'The proxy is running on this computer ({url}), but this browser is not paired with it yet.',
  'pairing.refused':
    'The proxy at {url} refused this browser’s token: it was reset, or another proxy runs there. Pair again.',
  'pairing.absent':
    'The proxy is not running on this computer (nothing answers at {url}). Start it (the ovh-migrate-proxy program, or npm start in the project), then press Check again.',
  'pairing.incompatible':
    'The program at {url} is not a proxy this extension can use: install the same release of the extension and of the proxy.',
  'pairing.start': 'Pair with the proxy on this computer',
  'pairing.code_prompt':
    'The proxy now shows a {length}-digit code in its window. Type it here (before {time}):',
  'pairing.code_label': 'Code shown by the proxy',
  'pairing.confirm': 'Pair',
  'pairing.cancel': 'Cancel',
  'pairing.wrong_code': 'That is not the code the proxy shows. Tries left: {left}.',
  'pairing.too_many':
    'Too many wrong codes: the proxy cancelled the request. Start again to get a new code.',
  'pairing.too_many_wait.one':
    'Too many wrong codes: the proxy cancelled the request. Wait {count} second, then start again to get a new code.',
  'pairing.too_many_wait.other':
    'Too many wrong codes: the proxy cancelled the request. Wait {count} seconds, then start again to get a new code.',
  'pairing.cooldown.one':
    'Wrong codes were typed just now, so the proxy takes no new pairing request for a moment (this keeps anyone from guessing the code). Wait {count} second, then press “{start}” again.',
  'pairing.cooldown.other':
    'Wrong codes were typed just now, so the proxy takes no new pairing request for a moment (this keeps anyone from guessing the code). Wait {count} seconds, then press “{start}” again.',
  'pairing.expired':
    'This pairing request has ended (it expired or was cancelled). Start again to get a new code.',
  'pairing.pending':
    'Another pairing request is already waiting in the proxy’s window. Type its code where it was asked, or wait a few minutes and start again.',
  'pairing.unreachable':
    'Nothing answers at {url}: start the proxy (again), then press Check again.',
  'pairing.failed': 'Pairing failed: {message}',
  'pairing.code_missing': 'Type the code the proxy shows.',
  'pairing.manual': 'Pair by hand with the token the proxy prints',
  'pairing.manual_other': 'Pair with another proxy, by hand',
  'pairing.token_refused':
    'The proxy at {url} refused this token: paste the whole “Pairing token” line the proxy printed.',
};

export const en = { ...enUi, ...enStepTitles } as const;
export type MessageKey = keyof typeof en;
