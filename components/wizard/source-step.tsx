/**
 * Step 1: the source service (preselected from the page) and the account, with a search; several
 * accounts (or a CSV) make a batch.
 */
import { useState } from 'preact/hooks';
import { ASSUMED_USAGE_UNIT, usageToBytes } from '../../lib/platforms/index.ts';
import { Badge, Button, Field, Message } from '../kit/index.ts';
import { configuredAddresses, refKey, sameRef } from '../stores/services.ts';
import { usePanel } from '../stores/use-panel.ts';
import { errorDetail, productName } from '../text/migration-text.ts';
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
  if (!services) return <p data-testid="services-loading">{t('wizard.loading_services')}</p>;
  const sources = services.filter(
    (s) =>
      SOURCE_KINDS.has(s.ref.kind) &&
      (configuredAddresses(s).length > 0 || sameRef(s.ref, wizard.sourceRef.value)),
  );
  const source = wizard.source.value;
  const accounts = wizard.sourceAccounts.value;
  const matching = wizard.matches.value.length;
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
      {source && !source.addresses && !source.error && (
        <p data-testid="accounts-loading">{t('wizard.loading_services')}</p>
      )}
      {source?.error !== undefined && <LoadError error={source.error} retry={wizard.load} />}
      {source?.addresses && (
        <>
          <Field
            label={t('source.search')}
            type="search"
            testid="account-search"
            value={wizard.search.value}
            onInput={(event) => wizard.setSearch(event.currentTarget.value)}
            hint={t('source.search_hint', {
              count: fmt.number(Math.min(accounts.length, matching)),
              total: fmt.number(matching),
            })}
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
              {accounts.map(({ address, info }) => (
                <label
                  class="mp-choice"
                  key={address}
                  data-testid="account-option"
                  data-address={address}
                  data-loaded={String(info !== undefined)}
                >
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    name="mp-source-account"
                    checked={selected.includes(address)}
                    onChange={() => wizard.toggleAccount(address, multiple)}
                  />
                  <span class="mp-choice-body">
                    <span class="mp-choice-title">{address}</span>
                    <span class="mp-row mp-muted">
                      {info === undefined && <span>{t('source.reading_account')}</span>}
                      {info?.displayName && <span>{info.displayName}</span>}
                      {info?.apiUsage !== undefined && (
                        <span>
                          {t('account.size_estimate', {
                            size: fmt.bytes(usageToBytes(info.apiUsage, ASSUMED_USAGE_UNIT)),
                          })}
                        </span>
                      )}
                      {info &&
                        (info.state === 'ok' && !info.taskPending ? (
                          <Badge tone="success">{t('account.ok')}</Badge>
                        ) : (
                          <Badge tone="warning">{t('account.busy')}</Badge>
                        ))}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {matching > accounts.length && (
            <Button variant="secondary" data-testid="accounts-more" onClick={wizard.showMore}>
              {t('source.more', { count: fmt.number(matching - accounts.length) })}
            </Button>
          )}
          {wizard.detailsFailed.value !== undefined && (
            <Message tone="warning" testid="details-error" title={t('source.details_failed')}>
              <p class="mp-muted">{errorDetail(tr, wizard.detailsFailed.value)}</p>
              <Button variant="secondary" onClick={wizard.retryDetails}>
                {t('action.try_again')}
              </Button>
            </Message>
          )}
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
