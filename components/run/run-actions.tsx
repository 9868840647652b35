/**
 * What the person can do with a run that is not moving: resume, retry, roll back (each saying
 * what it will do), give the passwords again, or log in again after an expired session.
 */
import { useState } from 'preact/hooks';
import { rollbackStepsAhead } from '../../lib/migration/index.ts';
import { Button, Dialog, Field, Message } from '../kit/index.ts';
import type { RunStore } from '../stores/run-store.ts';
import { usePanel } from '../stores/use-panel.ts';
import { errorText, stepTitle } from '../text/migration-text.ts';

export function RunError({ run }: { run: RunStore }) {
  const store = usePanel();
  const { tr } = store.i18n.value;
  const state = run.state.value;
  const error = run.actionError.value ?? state?.error;
  if (!state || !error) return null;
  // While it rolls back, the failure that led there is being undone: its "retry" is not offered.
  if (state.status === 'rolling_back' && !run.actionError.value) return null;
  if (
    state.status === 'needs_passwords' &&
    error.code === 'passwords_missing' &&
    !run.actionError.value
  )
    return null;
  const text = errorText(tr, error, state.plan);
  return (
    <Message tone="critical" role="alert" title={text.title} testid="run-error">
      <p data-testid="run-error-code" data-code={error.code} data-cause={error.causeCode ?? ''}>
        {text.action}
      </p>
      {text.detail && error.code !== 'run_in_use' && <p class="mp-muted">{text.detail}</p>}
      {run.waitingLease.value && (
        <p data-testid="run-waiting-lease">
          {tr.t('run.waiting_lease', { time: store.i18n.value.fmt.time(run.waitingLease.value) })}
        </p>
      )}
      {error.code === 'session_expired' && (
        <Button data-testid="relogin" onClick={() => store.deps.relogin()}>
          {tr.t('action.relogin')}
        </Button>
      )}
    </Message>
  );
}

export function RunActions({ run }: { run: RunStore }) {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  const [confirm, setConfirm] = useState<'rollback' | 'stop' | undefined>();
  const state = run.state.value;
  if (!state) return null;
  const busy = run.busy.value;
  const status = state.status;
  const legacy = state.plan.route === 'legacy_move';
  const canResume = !busy && ['ready', 'running', 'paused'].includes(status);
  const canRetry = !busy && status === 'failed';
  const canRollback =
    !busy &&
    !legacy &&
    ['failed', 'paused', 'ready', 'running', 'rollback_failed'].includes(status);
  const failedStep = state.steps.find((s) => s.status === 'failed')?.id;
  return (
    <div class="mp-stack" data-testid="run-actions">
      {busy && status !== 'rolling_back' && (
        <div class="mp-actions">
          <Button variant="secondary" data-testid="run-stop" onClick={() => setConfirm('stop')}>
            {t('run.stop')}
          </Button>
        </div>
      )}
      {canResume && (
        <div>
          <Button data-testid="run-resume" onClick={() => void run.resume()}>
            {t('run.resume')}
          </Button>
          <p class="mp-muted">{t('run.resume_does')}</p>
        </div>
      )}
      {canRetry && (
        <div>
          <Button
            // After an expired session, logging in again comes first (the alert's button).
            variant={state.error?.code === 'session_expired' ? 'secondary' : 'primary'}
            data-testid="run-retry"
            onClick={() => void run.retry()}
          >
            {t('run.retry')}
          </Button>
          <p class="mp-muted">
            {t('run.retry_does', {
              step: failedStep ? stepTitle(store.i18n.value.tr, failedStep) : '',
            })}
          </p>
        </div>
      )}
      {canRollback && (
        <div>
          <Button
            variant={status === 'failed' || status === 'rollback_failed' ? 'secondary' : 'ghost'}
            data-testid="run-rollback"
            onClick={() => setConfirm('rollback')}
          >
            {status === 'rollback_failed' ? t('run.rollback_again') : t('run.rollback')}
          </Button>
          <p class="mp-muted">
            {t('run.rollback_does', {
              address: state.plan.source.address,
              provisional: state.plan.provisional.address,
            })}
          </p>
        </div>
      )}
      {status === 'needs_passwords' && !busy && <PasswordsAgain run={run} />}
      <Dialog
        open={confirm === 'rollback'}
        title={t('run.rollback_confirm_title')}
        confirmLabel={t('run.rollback')}
        cancelLabel={t('run.rollback_dismiss')}
        tone="critical"
        testid="rollback-dialog"
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => {
          setConfirm(undefined);
          void run.rollback();
        }}
      >
        <p>{t('run.rollback_will')}</p>
        <ol data-testid="rollback-dialog-steps">
          {rollbackStepsAhead(state).map((id) => (
            <li key={id} data-step={id}>
              {store.i18n.value.tr.lookup(`rollback.step.${id}`) ?? id}
            </li>
          ))}
        </ol>
        <p>{t('run.rollback_keeps')}</p>
        {state.records.configure_destination !== undefined && (
          <p>{t('run.rollback_destination')}</p>
        )}
      </Dialog>
      <Dialog
        open={confirm === 'stop'}
        title={t('run.stop_confirm_title')}
        confirmLabel={t('run.stop')}
        cancelLabel={t('run.keep_going')}
        testid="stop-dialog"
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => {
          setConfirm(undefined);
          run.cancel();
        }}
      >
        <p>{t('run.stop_does')}</p>
      </Dialog>
    </div>
  );
}

function PasswordsAgain({ run }: { run: RunStore }) {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  const state = run.state.value;
  const [source, setSource] = useState('');
  const [destination, setDestination] = useState('');
  if (!state) return null;
  const needsSource =
    state.plan.sourcePassword === 'keep' || state.records.set_source_password?.sent === true;
  return (
    <form
      class="mp-stack"
      data-testid="passwords-again"
      onSubmit={(event) => {
        event.preventDefault();
        void run.providePasswords({
          ...(source ? { source } : {}),
          ...(destination ? { destination } : {}),
        });
        setSource('');
        setDestination('');
      }}
    >
      <Message tone="warning" title={t('run.passwords_title')}>
        <p>{t('run.passwords_why')}</p>
      </Message>
      {needsSource && (
        <Field
          label={t('run.password_source', { address: state.plan.provisional.address })}
          type="password"
          autocomplete="off"
          testid="again-source"
          value={source}
          onInput={(event) => setSource(event.currentTarget.value)}
        />
      )}
      <Field
        label={t('run.password_destination', { address: state.plan.destination.address })}
        type="password"
        autocomplete="off"
        testid="again-destination"
        value={destination}
        onInput={(event) => setDestination(event.currentTarget.value)}
      />
      <div class="mp-actions">
        <Button
          type="submit"
          data-testid="again-submit"
          disabled={!destination || (needsSource && !source)}
        >
          {t('run.resume')}
        </Button>
      </div>
    </form>
  );
}
