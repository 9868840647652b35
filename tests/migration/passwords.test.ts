import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblems } from '../../lib/migration/index.ts';

const POLICIES = {
  exchange: { minLength: 8, maxLength: 128, complexity: true },
  emailPro: { minLength: 9, maxLength: 128, complexity: true },
  legacyMxPlan: {
    minLength: 9,
    maxLength: 30,
    complexity: false,
    forbidden: /[^\x20-\x7e]|^\s|\s$/,
  },
  short: { minLength: 9, maxLength: 12, complexity: true },
};

describe('passwords to a platform policy', () => {
  it.each(Object.entries(POLICIES))('%s: generated passwords always fit', (_name, policy) => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(policy);
      expect(passwordProblems(policy, password)).toEqual([]);
    }
  });

  it('names what is wrong with a given password', () => {
    expect(passwordProblems(POLICIES.emailPro, 'abc')).toEqual([
      'it must have at least 9 characters',
      'it must mix 3 of: lower case, upper case, digits, symbols',
    ]);
    expect(passwordProblems(POLICIES.legacyMxPlan, ' Électricité1 ')).toEqual([
      'it contains characters this platform refuses (accents, spaces at the ends)',
    ]);
  });
});
