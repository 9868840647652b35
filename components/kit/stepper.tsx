export interface StepperProps {
  /** Step titles, in order. */
  steps: string[];
  current: number;
  label: string;
}

/** Where the person is in the wizard (the OVHcloud e-mail pages' oui-stepper, horizontal). */
export function Stepper({ steps, current, label }: StepperProps) {
  return (
    <ol class="mp-stepper" aria-label={label} data-testid="wizard-stepper">
      {steps.map((title, index) => (
        <li
          key={title}
          aria-current={index === current ? 'step' : undefined}
          data-state={index < current ? 'done' : index === current ? 'current' : 'todo'}
        >
          {index + 1}. {title}
        </li>
      ))}
    </ol>
  );
}
