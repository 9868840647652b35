/** The wizard: source → destination → passwords → plan, one heading per step (focused). */
import { useEffect, useMemo } from 'preact/hooks';
import { Button, Stepper } from '../kit/index.ts';
import { useHeadingFocus } from '../panel/use-heading-focus.ts';
import { usePanel } from '../stores/use-panel.ts';
import { createWizardStore, WIZARD_STEPS, type WizardStore } from '../stores/wizard-store.ts';
import { DestinationStep } from './destination-step.tsx';
import { PasswordsStep } from './passwords-step.tsx';
import { PlanStep } from './plan-step.tsx';
import { SourceStep } from './source-step.tsx';

export interface StepProps {
  wizard: WizardStore;
}

export function Wizard() {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  const wizard = useMemo(() => createWizardStore(store.deps, store.page.value), []);
  useEffect(() => {
    void wizard.load();
    return () => {
      wizard.forgetPasswords();
      wizard.dispose();
    };
  }, [wizard]);
  const step = wizard.step.value;
  const index = WIZARD_STEPS.indexOf(step);
  const heading = useHeadingFocus<HTMLHeadingElement>(step);
  const titles = WIZARD_STEPS.map((s) => t(`wizard.${s}.title`));
  return (
    <div data-testid="wizard" data-step={step}>
      <Stepper steps={titles} current={index} label={t('wizard.progress')} />
      <h2 ref={heading} tabIndex={-1} data-testid="step-heading">
        {t(`wizard.${step}.heading`)}
      </h2>
      {step === 'source' && <SourceStep wizard={wizard} />}
      {step === 'destination' && <DestinationStep wizard={wizard} />}
      {step === 'passwords' && <PasswordsStep wizard={wizard} />}
      {step === 'plan' && <PlanStep wizard={wizard} />}
      {/* Where a step shows no Next (the plan; services still loading or unreadable), Back or
          Cancel sits under it on its own. */}
      {(step === 'plan' || (step === 'source' && wizard.services.value === undefined)) && (
        <div class="mp-actions">
          <BackButton wizard={wizard} />
        </div>
      )}
    </div>
  );
}

/** Back to the previous step, or out of the wizard from the first one. */
function BackButton({ wizard }: { wizard: WizardStore }) {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  const index = WIZARD_STEPS.indexOf(wizard.step.value);
  if (index === 0)
    return (
      <Button
        variant="ghost"
        data-testid="wizard-cancel"
        onClick={() => store.show({ name: 'home' })}
      >
        {t('wizard.cancel')}
      </Button>
    );
  return (
    <Button
      variant="secondary"
      data-testid="wizard-back"
      onClick={() => wizard.go(WIZARD_STEPS[index - 1] ?? 'source')}
    >
      {t('wizard.back')}
    </Button>
  );
}

/** The "Next" button of a step (Back beside it): disabled with its reason said next to it. */
export function NextButton(props: { wizard: WizardStore; ready: boolean; reason?: string }) {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  const index = WIZARD_STEPS.indexOf(props.wizard.step.value);
  const next = WIZARD_STEPS[index + 1];
  if (!next) return null;
  return (
    <div class="mp-actions">
      <Button
        data-testid="wizard-next"
        disabled={!props.ready}
        aria-describedby={!props.ready && props.reason ? 'mp-next-reason' : undefined}
        onClick={() => props.wizard.go(next)}
      >
        {t('wizard.next')}
      </Button>
      <BackButton wizard={props.wizard} />
      {!props.ready && props.reason && (
        <span id="mp-next-reason" class="mp-muted">
          {props.reason}
        </span>
      )}
    </div>
  );
}
