/** A platform's password rules, each ticked live as the person types. */
import type { PasswordPolicy } from '../../lib/platforms/index.ts';
import { Icon } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';

export function ruleResults(policy: PasswordPolicy, password: string) {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) =>
    re.test(password),
  ).length;
  const rules: Array<{ id: 'min' | 'max' | 'complexity' | 'forbidden'; ok: boolean }> = [
    { id: 'min', ok: password.length >= policy.minLength },
    { id: 'max', ok: password.length <= policy.maxLength },
  ];
  if (policy.complexity) rules.push({ id: 'complexity', ok: classes >= 3 });
  if (policy.forbidden) rules.push({ id: 'forbidden', ok: !policy.forbidden.test(password) });
  return rules;
}

export function PasswordRules({
  policy,
  password,
  testid,
}: {
  policy: PasswordPolicy;
  password: string;
  testid: string;
}) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const params = { min: fmt.number(policy.minLength), max: fmt.number(policy.maxLength) };
  return (
    <ul class="mp-rules" data-testid={testid} aria-live="off">
      {ruleResults(policy, password).map((rule) => (
        <li key={rule.id} data-ok={String(rule.ok)} data-rule={rule.id}>
          <Icon name={rule.ok ? 'check' : 'cross'} size={14} />
          <span>
            {tr.t(`password.rule.${rule.id}`, params)}
            <span class="mp-sr-only">
              {' '}
              — {tr.t(rule.ok ? 'password.rule_met' : 'password.rule_unmet')}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
