/**
 * English sentences for every message key lib/migration produces (`step.<id>`,
 * `preflight.<check>.<outcome>`, and `<key>.action` for what to do). lib/migration carries its
 * own English sentence too; these are the panel's, so that both languages come from one place.
 * tests/unit/i18n/coverage.test.ts fails when lib/migration can produce a key missing here.
 */
export const enMigration = {
  // Steps: a short title, and what the step does with the plan's params.
  'step.ensure_domain.title': 'Share the domain',
  'step.ensure_domain': 'Make {domain} reachable on both platforms (relay {relay}).',
  'step.rename_source.title': 'Rename the source account',
  'step.rename_source':
    'Rename {from} to {to}. Until the next step ends, mail to the original address is relayed rather than delivered: a few minutes.',
  'step.configure_destination.title': 'Set up the destination account',
  'step.configure_destination': 'Set up {address} on {service} with its password.',
  'step.set_source_password.title': 'New password on the renamed source',
  'step.set_source_password': 'Set a new password on {address}.',
  'step.copy_content.title': 'Copy the mail',
  'step.copy_content':
    'Copy every folder and message from {from} to {to} through the companion proxy.',
  'step.final_pass.title': 'Final pass',
  'step.final_pass': 'Copy once more whatever reached the renamed source meanwhile.',
  'step.verify.title': 'Verify',
  'step.verify': 'Check that every folder has the same messages and bytes on both sides.',
  'step.recreate_aliases.title': 'Aliases',
  'step.recreate_aliases': 'Recreate the aliases on the destination ({count}).',
  'step.report.title': 'Report',
  'step.report': 'Write the report: task ids, copy figures, and what is left to do by hand.',
  'step.legacy_move.title': 'Move by OVHcloud',
  'step.legacy_move':
    'Have OVHcloud move {address} with its mail into the free slot {slot} of {service}. Irreversible: the account is removed from the legacy MX Plan.',

  'preflight.services.ok': 'Both services are in state ok.',
  'preflight.services.unreadable': 'The {side} service {service} could not be read.',
  'preflight.services.unreadable.action':
    'Check that you are logged in to the right OVHcloud account, then plan again.',
  'preflight.services.not_ok': 'The {side} service {service} is "{state}", not ok.',
  'preflight.services.not_ok.action':
    'Wait until the service is ok (or renew it if it is suspended), then plan again.',

  'preflight.source_account.ok': 'The account {address} is configured and ok.',
  'preflight.source_account.unreadable': 'The account {address} could not be read.',
  'preflight.source_account.unreadable.action':
    'Check the address and your session, then plan again.',
  'preflight.source_account.not_found': 'There is no account {address} on the source service.',
  'preflight.source_account.not_found.action': 'Choose an existing account of the source service.',
  'preflight.source_account.not_configured': '{address} is not a configured account.',
  'preflight.source_account.not_configured.action':
    'Choose a configured account: there is nothing to migrate in a free slot.',
  'preflight.source_account.busy': 'The account {address} has a change in progress.',
  'preflight.source_account.busy.action':
    'Wait until the change in progress is finished, then plan again.',

  'preflight.free_slot.ok': 'The free slot {slot} of {service} will become {address}.',
  'preflight.free_slot.create': '{address} will be created on {service}.',
  'preflight.free_slot.unreadable': 'The accounts of {service} could not be read.',
  'preflight.free_slot.unreadable.action': 'Check your session, then plan again.',
  'preflight.free_slot.address_exists': '{address} already exists on {service}.',
  'preflight.free_slot.address_exists.action':
    'Remove or rename that account on the destination first.',
  'preflight.free_slot.none': '{service} has no free account slot: every account is configured.',
  'preflight.free_slot.none.action':
    'Order an extra account on the destination (it appears as …@configureme.me), or reset an unused one, then plan again.',
  'preflight.free_slot.not_free': '{slot} is not a free slot of {service}.',
  'preflight.free_slot.not_free.action':
    'Choose one of its unconfigured (@configureme.me) accounts, or let the plan pick one.',

  'preflight.size.ok': 'The mailbox ({usage}) fits the destination.',
  'preflight.size.unknown': 'The size of the source mailbox is unknown.',
  'preflight.size.unknown.action':
    'Make sure it fits the destination; the copy stops if the destination is full.',
  'preflight.size.over_limit':
    'The mailbox holds {usage}, more than the {limit} a {product} account may hold.',
  'preflight.size.over_limit.action':
    'Archive or delete mail on the source first, or choose a larger platform.',
  'preflight.size.over_quota':
    "The mailbox holds {usage}, more than the destination slot's quota of {quota}.",
  'preflight.size.over_quota.action': 'Choose a larger slot, or free space on the source first.',

  'preflight.destination_domain.present': '{domain} is already on {service}.',
  'preflight.destination_domain.will_add':
    '{domain} will be added to {service} as non-authoritative, relaying to {relay}.',
  'preflight.destination_domain.fixed': '{service} cannot receive addresses on {domain}.',
  'preflight.destination_domain.fixed.action':
    'Choose a destination whose domain is this one, or an Exchange or E-mail Pro service.',
  'preflight.destination_domain.unreadable': 'The domains of {service} could not be read.',
  'preflight.destination_domain.busy':
    '{domain} has a change in progress on {service}; the run waits until it is ok.',

  'preflight.source_domain.fixed': '{domain} stays as it is on {service}.',
  'preflight.source_domain.unreadable': 'The domain {domain} of {service} could not be read.',
  'preflight.source_domain.missing': '{domain} is not a domain of {service}.',
  'preflight.source_domain.will_switch':
    '{domain} is authoritative on {service}: it will be switched to non-authoritative, relaying to {relay}, so both platforms can receive its mail.',
  'preflight.source_domain.will_switch.action':
    'Nothing to do; it can be switched back once every account has moved.',
  'preflight.source_domain.non_authoritative':
    '{domain} is already non-authoritative on {service}.',

  'preflight.imap.ok': 'IMAP is allowed on {address}.',
  'preflight.imap.unknown':
    'The platform does not say whether IMAP is allowed on {address}; the copy will log in to find out.',
  'preflight.imap.unreadable': 'Whether IMAP is allowed on {address} could not be read.',
  'preflight.imap.unreadable.action': 'The copy will tell if the login is refused.',
  'preflight.imap.disabled': 'IMAP access is disabled on {address}, so its mail cannot be copied.',
  'preflight.imap.disabled.action':
    'Allow IMAP on this account in the control panel (account settings, protocols), then plan again.',

  'preflight.provisional_name.ok': 'The source will be renamed to {address} meanwhile.',
  'preflight.provisional_name.rename_unsupported':
    'Accounts of this MX Plan cannot be renamed, so the original address cannot move.',
  'preflight.provisional_name.rename_unsupported.action':
    'Use the MX Plan migration offered by OVHcloud for this account.',
  'preflight.provisional_name.invalid': '"{address}" is not a valid account name.',
  'preflight.provisional_name.invalid.action': 'Use letters, digits, dots, hyphens or underscores.',
  'preflight.provisional_name.taken': '{address} already exists on the source.',
  'preflight.provisional_name.taken.action': 'Choose another provisional name.',

  'preflight.passwords.ok': 'The passwords fit both platforms.',
  'preflight.passwords.destination_policy':
    "The destination password does not fit the destination's rules.",
  'preflight.passwords.destination_policy.action':
    'Choose another password, or let one be generated.',
  'preflight.passwords.source_policy': "The new source password does not fit the source's rules.",
  'preflight.passwords.source_policy.action': 'Choose another password, or let one be generated.',
  'preflight.passwords.source_missing':
    'The current password of the source account is needed for the copy.',
  'preflight.passwords.source_missing.action':
    'Give it before starting, or choose to set a new one on the renamed source.',

  'preflight.proxy.ok': 'The companion proxy {version} is ready.',
  'preflight.proxy.unreachable': 'The companion proxy does not answer.',
  'preflight.proxy.unreachable.action':
    'Start the proxy on this computer (npm run proxy) and pair it with the extension, then plan again.',

  'preflight.aliases.none': 'The account has no alias.',
  'preflight.aliases.unreadable': 'The aliases of the source could not be read.',
  'preflight.aliases.unreadable.action': 'Recreate them by hand on the destination.',
  'preflight.aliases.unsupported': 'The aliases {aliases} cannot be recreated on this destination.',
  'preflight.aliases.unsupported.action': 'Create redirections for them by hand.',
  'preflight.aliases.recreate':
    'The aliases {aliases} will be recreated on the destination; they stay on the renamed source meanwhile.',

  'preflight.not_migrated.manual': 'Only mail is copied: {items} must be recreated by hand.',
  'preflight.not_migrated.manual.action':
    'Export calendars and contacts from the source (e.g. from OWA) if you need them.',
  'preflight.not_migrated.no_groupware':
    'Only mail is copied: {items} stay on the source, and {destination} has no calendars or contacts.',
  'preflight.not_migrated.no_groupware.action':
    'Export calendars and contacts from the source (e.g. from OWA) if you need them.',

  'preflight.legacy_move.ok':
    'OVHcloud accepts to move {address} into the free slot {slot} of {service}.',
  'preflight.legacy_move.irreversible':
    "Irreversible: the source account is removed by OVHcloud's move. {address} will exist only on {service}; there is no rollback.",
  'preflight.legacy_move.irreversible.action':
    'Confirm the irreversible move when you start the run.',
  'preflight.legacy_move.unchecked':
    "OVHcloud's move of {address} could not be checked: it needs the account and a free slot of {service}.",
  'preflight.legacy_move.unchecked.action': 'Fix the checks above, then plan again.',
  'preflight.legacy_move.unreadable': 'OVHcloud could not check the move of {address} into {slot}.',
  'preflight.legacy_move.unreadable.action': 'Check the account and the slot, then plan again.',
  'preflight.legacy_move.refused':
    'OVHcloud refuses to move {address} into {slot} of {service}: {reasons}.',
  'preflight.legacy_move.refused.action':
    'Fix what OVHcloud reports (wait for a change in progress to end), then plan again.',

  // Words lib/migration puts in params (not_migrated's `items`, services' `side`).
  'word.calendars': 'calendars',
  'word.contacts': 'contacts',
  'word.tasks': 'tasks',
  'word.delegated rights': 'delegated rights',
  'word.footers': 'footers',
  'word.groups': 'groups',
  'word.redirections': 'redirections',
  'word.auto-replies': 'auto-replies',
  'word.source': 'source',
  'word.destination': 'destination',
} as const;
