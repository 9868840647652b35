import { z } from 'zod';

/**
 * An enum OvhCloud may extend (task functions): the known values keep their literal types for
 * autocompletion, and an unknown one still parses instead of making the whole object unreadable.
 */
export function openEnum<const Values extends readonly [string, ...string[]]>(values: Values) {
  // `string & {}` keeps the literals visible in the union instead of collapsing it to `string`.
  return z.custom<Values[number] | (string & {})>((value) => typeof value === 'string', {
    message: `Expected a string (known values: ${values.join(', ')})`,
  });
}
