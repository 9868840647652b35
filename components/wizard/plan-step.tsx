/**
 * Step 4: the dry run. Preflight results, the steps in order, the mail window, what will not
 * migrate, the PST offer for an Exchange source, and the start button (with the irreversible
 * confirmation of a legacy MX Plan move).
 */
import { useState } from 'preact/hooks';
import { Button, Message } from '../kit/index.ts';
import { ProxyBanner } from '../panel/proxy-banner.tsx';
import { usePanel } from '../stores/use-panel.ts';
import { productName, stepDescription, stepTitle } from '../text/migration-text.ts';
import { CheckList } from './check-list.tsx';
import { LoadError } from './load-error.tsx';
import { PstOffer } from './pst-offer.tsx';
import type { StepProps } from './wizard.tsx';

export function PlanStep({ wizard }: StepProps) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const [confirmed, setConfirmed] = useState(false);
  if (wizard.isBatch.value) return <BatchPlan wizard={wizard} />;
  if (wizard.planning.value) return <p data-testid="plan-loading">{t('plan.loading')}</p>;
  if (wizard.planError.value)
    return <LoadError error={wizard.planError.value} retry={() => void wizard.makePlan()} />;
  const result = wizard.plan.value;
  if (!result) return null;
  const { plan, passwords } = result;
  const legacy = plan.route === 'legacy_move';
  const failed = plan.checks.filter((c) => c.status === 'fail').length;
  const proxyMissing = plan.checks.some((c) => c.id === 'proxy' && c.status === 'fail');
  const start = () => {
    const runId = store.deps.newRunId?.() ?? crypto.randomUUID();
    store.pending.set(runId, {
      plan,
      passwords: {
        ...(passwords.source ? { source: passwords.source } : {}),
        destination: passwords.destination,
      },
      confirmIrreversible: legacy && confirmed,
    });
    wizard.forgetPasswords();
    store.show({ name: 'run', runId });
  };
  return (
    <div class="mp-stack" data-testid="plan" data-runnable={String(plan.runnable)}>
      <p>
        {t('plan.summary', {
          address: plan.source.address,
          source: `${productName(plan.source.service.kind)} ${plan.source.service.service}`,
          destination: `${productName(plan.destination.service.kind)} ${plan.destination.service.service}`,
        })}
      </p>
      {/* Start or pair the proxy here; once paired the plan is made again, the choices kept. */}
      {proxyMissing && <ProxyBanner onReady={() => void wizard.makePlan()} />}
      <section aria-labelledby="mp-checks-title">
        <h3 id="mp-checks-title">{t('plan.checks')}</h3>
        {failed > 0 && (
          <Message
            tone="critical"
            role="alert"
            title={tr.plural('plan.failed', failed, { count: fmt.number(failed) })}
            testid="plan-failed"
          >
            <p>{t('plan.failed_action')}</p>
          </Message>
        )}
        <CheckList checks={plan.checks} />
      </section>
      <section aria-labelledby="mp-steps-title">
        <h3 id="mp-steps-title">{t('plan.steps')}</h3>
        <ol data-testid="plan-steps">
          {plan.steps.map((step) => (
            <li key={step.id} data-step={step.id}>
              <strong>{stepTitle(tr, step.id)}</strong> — {stepDescription(tr, step)}
            </li>
          ))}
        </ol>
      </section>
      {!legacy && (
        <Message tone="info" title={t('plan.window_title')} testid="plan-window">
          <p>{t('plan.window', { address: plan.source.address, relay: plan.domain.relayHost })}</p>
        </Message>
      )}
      <section aria-labelledby="mp-not-title">
        <h3 id="mp-not-title">{t('plan.not_migrated')}</h3>
        <ul data-testid="plan-not-migrated">
          {notMigrated(plan.source.service.kind, plan.destination.service.kind).map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>
      {plan.source.service.kind === 'exchange' && (
        <PstOffer service={plan.source.service} address={plan.source.address} />
      )}
      {/* Only a plan that can start: the next plan, once the failures are fixed, makes new ones. */}
      {plan.runnable && (passwords.generated.destination || passwords.generated.source) && (
        <Message tone="warning" title={t('plan.generated_title')} testid="plan-generated">
          {passwords.generated.destination && (
            <p>
              {t('plan.generated_destination', { address: plan.destination.address })}{' '}
              <span class="mp-secret" data-testid="generated-destination">
                {passwords.destination}
              </span>
            </p>
          )}
          {passwords.generated.source && passwords.source && (
            <p>
              {t('plan.generated_source', { address: plan.provisional.address })}{' '}
              <span class="mp-secret" data-testid="generated-source">
                {passwords.source}
              </span>
            </p>
          )}
          <p class="mp-muted">{t('plan.generated_hint')}</p>
        </Message>
      )}
      {legacy && (
        <label class="mp-choice">
          <input
            type="checkbox"
            data-testid="confirm-irreversible"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.currentTarget.checked)}
          />
          <span class="mp-choice-body">
            {t('plan.confirm_irreversible', { address: plan.source.address })}
          </span>
        </label>
      )}
      <div class="mp-actions">
        <Button
          data-testid="plan-start"
          disabled={!plan.runnable || (legacy && !confirmed)}
          onClick={start}
        >
          {t('plan.start')}
        </Button>
        <Button variant="secondary" data-testid="plan-again" onClick={() => void wizard.makePlan()}>
          {t('plan.again')}
        </Button>
      </div>
    </div>
  );
}

function notMigrated(source: string, destination: string) {
  const keys = [] as Array<
    | 'plan.not.calendars'
    | 'plan.not.rules'
    | 'plan.not.delegations'
    | 'plan.not.redirections'
    | 'plan.not.groupware_dest'
  >;
  if (source === 'exchange') keys.push('plan.not.calendars', 'plan.not.delegations');
  if (source === 'mxplan' || source === 'mxplan_legacy') keys.push('plan.not.redirections');
  keys.push('plan.not.rules');
  if (source === 'exchange' && destination !== 'exchange') keys.push('plan.not.groupware_dest');
  return keys;
}

function BatchPlan({ wizard }: StepProps) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const src = wizard.sourceRef.value;
  const dst = wizard.destinationRef.value;
  const start = () => {
    if (!src || !dst) return;
    const id = store.deps.newRunId?.() ?? crypto.randomUUID();
    const csv = wizard.csvPasswords.value;
    store.pendingBatches.set(id, {
      source: src,
      destination: dst,
      accounts: wizard.selected.value.map((address) => ({
        address,
        ...(csv[address]?.source ? { sourcePassword: csv[address].source } : {}),
        ...(csv[address]?.destination ? { destinationPassword: csv[address].destination } : {}),
      })),
    });
    store.show({ name: 'batch', runIds: [id] });
  };
  return (
    <div class="mp-stack" data-testid="batch-plan">
      <p>{t('plan.batch_intro', { count: fmt.number(wizard.selected.value.length) })}</p>
      <ul>
        {wizard.selected.value.map((address) => (
          <li key={address}>{address}</li>
        ))}
      </ul>
      <div class="mp-actions">
        <Button data-testid="batch-start" onClick={start}>
          {t('plan.batch_start')}
        </Button>
      </div>
    </div>
  );
}
