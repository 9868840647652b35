/**
 * Step 3: how the copy logs in to the source (its current password, or a new one set on the
 * renamed source), and the destination's password (generated, or chosen with the platform's
 * rules ticked live). Nothing typed here is saved: the runner's SecretStore gets it at start.
 */
import { Field, Message } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { PasswordRules, ruleResults } from './password-rules.tsx';
import { NextButton, type StepProps } from './wizard.tsx';

export function PasswordsStep({ wizard }: StepProps) {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  const sourcePolicy = wizard.source.value?.info?.passwordPolicy;
  const destinationPolicy = wizard.destination.value?.info?.passwordPolicy;
  const mode = wizard.sourceMode.value;
  const destinationMode = wizard.destinationMode.value;
  if (wizard.isBatch.value) {
    return (
      <div class="mp-stack">
        <Message tone="info" testid="batch-passwords">
          <p>{t('passwords.batch')}</p>
        </Message>
        <NextButton wizard={wizard} ready={true} />
      </div>
    );
  }
  const destinationOk =
    destinationMode === 'generate' ||
    (destinationPolicy !== undefined &&
      ruleResults(destinationPolicy, wizard.destinationPassword.value).every((r) => r.ok));
  const sourceOk = mode === 'set' || wizard.sourcePassword.value.length > 0;
  const address = wizard.selected.value[0] ?? '';
  return (
    <div class="mp-stack">
      <fieldset>
        <legend class="mp-legend">{t('passwords.source_legend', { address })}</legend>
        <label class="mp-choice">
          <input
            type="radio"
            name="mp-source-mode"
            data-testid="source-mode-keep"
            checked={mode === 'keep'}
            onChange={() => {
              wizard.sourceMode.value = 'keep';
            }}
          />
          <span class="mp-choice-body">
            <span class="mp-choice-title">{t('passwords.keep')}</span>
            <span class="mp-muted">{t('passwords.keep_hint')}</span>
          </span>
        </label>
        <label class="mp-choice">
          <input
            type="radio"
            name="mp-source-mode"
            data-testid="source-mode-set"
            checked={mode === 'set'}
            onChange={() => {
              wizard.sourceMode.value = 'set';
            }}
          />
          <span class="mp-choice-body">
            <span class="mp-choice-title">{t('passwords.set')}</span>
            <span class="mp-muted">{t('passwords.set_hint')}</span>
          </span>
        </label>
      </fieldset>
      {mode === 'keep' && (
        <Field
          label={t('passwords.source_current', { address })}
          type="password"
          autocomplete="off"
          testid="source-password"
          value={wizard.sourcePassword.value}
          onInput={(event) => {
            wizard.sourcePassword.value = event.currentTarget.value;
          }}
          hint={sourcePolicy ? t('passwords.source_current_hint') : undefined}
        />
      )}
      <fieldset>
        <legend class="mp-legend">{t('passwords.destination_legend')}</legend>
        <label class="mp-choice">
          <input
            type="radio"
            name="mp-destination-mode"
            data-testid="destination-mode-generate"
            checked={destinationMode === 'generate'}
            onChange={() => {
              wizard.destinationMode.value = 'generate';
            }}
          />
          <span class="mp-choice-body">
            <span class="mp-choice-title">{t('passwords.generate')}</span>
            <span class="mp-muted">{t('passwords.generate_hint')}</span>
          </span>
        </label>
        <label class="mp-choice">
          <input
            type="radio"
            name="mp-destination-mode"
            data-testid="destination-mode-choose"
            checked={destinationMode === 'choose'}
            onChange={() => {
              wizard.destinationMode.value = 'choose';
            }}
          />
          <span class="mp-choice-body">
            <span class="mp-choice-title">{t('passwords.choose')}</span>
          </span>
        </label>
      </fieldset>
      {destinationMode === 'choose' && (
        <Field
          label={t('passwords.destination_new')}
          type="password"
          autocomplete="new-password"
          testid="destination-password"
          value={wizard.destinationPassword.value}
          onInput={(event) => {
            wizard.destinationPassword.value = event.currentTarget.value;
          }}
        >
          {destinationPolicy && (
            <PasswordRules
              policy={destinationPolicy}
              password={wizard.destinationPassword.value}
              testid="destination-rules"
            />
          )}
        </Field>
      )}
      <NextButton
        wizard={wizard}
        ready={sourceOk && destinationOk}
        reason={!sourceOk ? t('passwords.source_needed') : t('passwords.rules_unmet')}
      />
    </div>
  );
}
