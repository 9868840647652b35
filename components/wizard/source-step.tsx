/**
 * Step 1: the source service (preselected from the page) and the account, with a search; several
 * accounts (or a CSV) make a batch.
 */
import { useState } from 'preact/hooks';
import { Badge, Field, Message } from '../kit/index.ts';
import { configuredAccounts, refKey, sameRef } from '../stores/services.ts';
import { usePanel } from '../stores/use-panel.ts';
import { productName } from '../text/migration-text.ts';
import { LoadError } from './load-error.tsx';
import { NextButton, type StepProps } from './wizard.tsx';

const SOURCE_KINDS = new Set(['exchange', 'email_pro', 'mxplan', 'mxplan_legacy']);

export function SourceStep({ wizard }: StepProps) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const [multiple, setMultiple] = useState(wizard.selected.value.length > 1);
  const services = wizard.services.value;
  if (wizard.servicesError.value)
    return <LoadError error={wizard.servicesError.value} retry={wizard.load} />;
  if (!services)
    return (
      <p role="status" data-testid="services-loading">
        {t('wizard.loading_services')}
      </p>
    );
  const sources = services.filter(
    (s) =>
      SOURCE_KINDS.has(s.ref.kind) &&
      (configuredAccounts(s).length > 0 || sameRef(s.ref, wizard.sourceRef.value)),
  );
  const source = wizard.source.value;
  const accounts = wizard.sourceAccounts.value;
  const selected = wizard.selected.value;
  return (
    <div class="mp-stack">
      <div class="mp-field">
        <label for="mp-source-service">{t('source.service')}</label>
        <select
          id="mp-source-service"
          class="mp-input"
          data-testid="source-service"
          value={source ? refKey(source.ref) : ''}
          onChange={(event) => {
            const next = sources.find((s) => refKey(s.ref) === event.currentTarget.value);
            if (next) wizard.chooseSource(next.ref);
          }}
        >
          {sources.map((s) => (
            <option key={refKey(s.ref)} value={refKey(s.ref)}>
              {productName(s.ref.kind)} —{' '}
              {s.info?.displayName && s.info.displayName !== s.ref.service
                ? `${s.info.displayName} (${s.ref.service})`
                : s.ref.service}
              {sameRef(s.ref, store.page.value?.service) ? ` · ${t('source.this_page')}` : ''}
            </option>
          ))}
        </select>
      </div>
      {source && !source.accounts && !source.error && (
        <p role="status" data-testid="accounts-loading">
          {t('wizard.loading_services')}
        </p>
      )}
      {source?.error !== undefined && <LoadError error={source.error} retry={wizard.load} />}
      {source?.accounts && (
        <>
          <Field
            label={t('source.search')}
            type="search"
            testid="account-search"
            value={wizard.search.value}
            onInput={(event) => {
              wizard.search.value = event.currentTarget.value;
            }}
            hint={t('source.search_hint', { count: fmt.number(accounts.length) })}
          />
          <label class="mp-row">
            <input
              type="checkbox"
              checked={multiple}
              data-testid="batch-toggle"
              onChange={(event) => setMultiple(event.currentTarget.checked)}
            />
            {t('source.several')}
          </label>
          <fieldset>
            <legend class="mp-legend">
              {multiple ? t('source.accounts') : t('source.account')}
            </legend>
            <div class="mp-list" data-testid="account-list">
              {accounts.length === 0 && <p class="mp-muted">{t('source.no_match')}</p>}
              {accounts.map((account) => (
                <label
                  class="mp-choice"
                  key={account.address}
                  data-testid="account-option"
                  data-address={account.address}
                >
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    name="mp-source-account"
                    checked={selected.includes(account.address)}
                    onChange={() => wizard.toggleAccount(account.address, multiple)}
                  />
                  <span class="mp-choice-body">
                    <span class="mp-choice-title">{account.address}</span>
                    <span class="mp-row mp-muted">
                      {account.displayName && <span>{account.displayName}</span>}
                      {account.apiUsage !== undefined && <span>{fmt.bytes(account.apiUsage)}</span>}
                      {account.state === 'ok' && !account.taskPending ? (
                        <Badge tone="success">{t('account.ok')}</Badge>
                      ) : (
                        <Badge tone="warning">{t('account.busy')}</Badge>
                      )}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {multiple && <CsvImport wizard={wizard} />}
        </>
      )}
      {selected.length > 1 && (
        <Message tone="info" testid="batch-summary">
          <p>{t('source.batch_summary', { count: fmt.number(selected.length) })}</p>
        </Message>
      )}
      <NextButton wizard={wizard} ready={selected.length > 0} reason={t('source.choose_first')} />
    </div>
  );
}

function CsvImport({ wizard }: StepProps) {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  return (
    <div class="mp-field">
      <label for="mp-csv">{t('source.csv')}</label>
      <input
        id="mp-csv"
        type="file"
        accept=".csv,text/csv"
        data-testid="csv-import"
        aria-describedby="mp-csv-hint"
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          if (file) wizard.importCsv(await file.text());
        }}
      />
      <span id="mp-csv-hint" class="mp-field-hint">
        {t('source.csv_hint')}
      </span>
      {wizard.csvError.value && (
        <p class="mp-field-error" role="alert" data-testid="csv-error">
          {t('source.csv_error', { addresses: wizard.csvError.value })}
        </p>
      )}
    </div>
  );
}
