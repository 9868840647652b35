/**
 * Step 2: every other e-mail service of the customer, with its free slots (counted from its
 * account addresses: one request per service) and whether the chosen account(s) fit the guide's
 * per-platform limits. A slot's own quota is checked by the plan, which reads that slot.
 */
import { DEFAULT_LIMITS } from '../../lib/migration/index.ts';
import { ASSUMED_USAGE_UNIT, usageToBytes } from '../../lib/platforms/index.ts';
import { Badge } from '../kit/index.ts';
import { freeSlotCount, refKey, type ServiceOption, sameRef } from '../stores/services.ts';
import { usePanel } from '../stores/use-panel.ts';
import { productName } from '../text/migration-text.ts';
import { NextButton, type StepProps } from './wizard.tsx';

type Fit = 'fits' | 'too_big' | 'no_slot' | 'not_enough' | 'create' | 'unreadable' | 'loading';

function fitOf(option: ServiceOption, sizes: number[], canCreate: boolean): Fit {
  if (option.error) return 'unreadable';
  if (canCreate) return 'create';
  const free = freeSlotCount(option);
  if (free === undefined) return 'loading';
  if (free === 0) return 'no_slot';
  if (free < sizes.length) return 'not_enough';
  const limit = DEFAULT_LIMITS[option.ref.kind];
  const biggest = Math.max(0, ...sizes);
  return limit !== undefined && biggest > limit ? 'too_big' : 'fits';
}

const FIT_TONE = {
  fits: 'success',
  create: 'success',
  too_big: 'critical',
  no_slot: 'critical',
  not_enough: 'critical',
  unreadable: 'warning',
  loading: 'neutral',
} as const;

export function DestinationStep({ wizard }: StepProps) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  // The API's figure, in the unit it is assumed to have (the plan measures it over IMAP).
  const sizes = wizard.selectedAccounts.value.map((a) =>
    a?.apiUsage === undefined ? 0 : usageToBytes(a.apiUsage, ASSUMED_USAGE_UNIT),
  );
  const options = (wizard.services.value ?? []).filter(
    (s) => !sameRef(s.ref, wizard.sourceRef.value),
  );
  const chosen = wizard.destinationRef.value;
  const fitOfChosen = wizard.destination.value
    ? fitOf(
        wizard.destination.value,
        sizes,
        !store.deps.adapters[wizard.destination.value.ref.kind].capabilities.slots,
      )
    : undefined;
  return (
    <div class="mp-stack">
      <p>
        {tr.plural('destination.intro', sizes.length, {
          size: fmt.bytes(sizes.reduce((a, b) => a + b, 0)),
          count: fmt.number(sizes.length),
        })}
      </p>
      <fieldset>
        <legend class="mp-legend">{t('destination.legend')}</legend>
        <div class="mp-list" data-testid="destination-list">
          {options.map((option) => {
            const canCreate = !store.deps.adapters[option.ref.kind].capabilities.slots;
            const fit = fitOf(option, sizes, canCreate);
            const slots = freeSlotCount(option);
            return (
              <label
                class="mp-choice"
                key={refKey(option.ref)}
                data-testid="destination-option"
                data-service={option.ref.service}
                data-fit={fit}
              >
                <input
                  type="radio"
                  name="mp-destination"
                  checked={sameRef(option.ref, chosen)}
                  onChange={() => wizard.chooseDestination(option.ref)}
                />
                <span class="mp-choice-body">
                  <span class="mp-choice-title">
                    {productName(option.ref.kind)} — {option.ref.service}
                  </span>
                  <span class="mp-row mp-muted">
                    {!canCreate && slots !== undefined && (
                      <span>
                        {tr.plural('destination.free_slots', slots, {
                          count: fmt.number(slots),
                        })}
                      </span>
                    )}
                    {option.info && option.info.domains.length > 0 && (
                      <span>{option.info.domains.join(', ')}</span>
                    )}
                    <Badge tone={FIT_TONE[fit]}>{t(`destination.fit.${fit}`)}</Badge>
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <NextButton
        wizard={wizard}
        ready={chosen !== undefined && fitOfChosen !== 'loading' && fitOfChosen !== 'unreadable'}
        reason={
          chosen === undefined
            ? t('destination.choose_first')
            : t(`destination.fit.${fitOfChosen ?? 'fits'}`)
        }
      />
    </div>
  );
}
