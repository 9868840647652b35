// Builds an API object with exactly the properties its schema model declares, from a richer
// record the state layer computes once for all three platforms. The sandbox then answers each
// family with its own model (Exchange's Account has `city`, E-mail Pro's has not).

import type { Models } from './catalog.ts';

export function project(
  models: Models,
  modelName: string,
  source: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const properties = models[modelName]?.properties;
  if (properties === undefined) throw new Error(`no object model ${modelName}`);
  const out: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    const value = source[key];
    if (value === undefined) {
      // Fields the sandbox has no use for are null where the model allows it.
      if (property.canBeNull) {
        out[key] = null;
        continue;
      }
      throw new Error(`sandbox bug: ${modelName}.${key} has no value and cannot be null`);
    }
    out[key] = value;
  }
  return out;
}
