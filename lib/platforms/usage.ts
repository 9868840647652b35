/**
 * `currentUsage` of an account has no unit in OVHcloud's schemas ("Mailbox usage", a long). We
 * first guessed MB (what the Exchange panel shows); the control panel's code hints KB. So the
 * figure is only a hint: the size that decides is measured over IMAP (the proxy's credentials
 * test), and the unit of the API's figure is inferred here, in one place, by comparing the two.
 * Correct `ASSUMED_USAGE_UNIT` once a real answer is at hand (tests/sandbox/README.md lists it).
 */

export const USAGE_UNITS = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;
export type UsageUnit = keyof typeof USAGE_UNITS;

/** GUESS, used only to turn the API's figure into an estimate when nothing was measured. */
export const ASSUMED_USAGE_UNIT: UsageUnit = 'MB';

/** The two sides must agree within this factor for an inference (OVHcloud counts overheads). */
const AGREEMENT = 4;

/**
 * The unit that makes `apiValue` closest to `measuredBytes`, when it lands within a factor of 4;
 * undefined when the mailbox is too small or the figures disagree (then nothing is inferred).
 */
export function inferUsageUnit(apiValue: number, measuredBytes: number): UsageUnit | undefined {
  if (!(apiValue > 0) || !(measuredBytes > 0)) return undefined;
  let best: { unit: UsageUnit; distance: number } | undefined;
  for (const [unit, factor] of Object.entries(USAGE_UNITS) as [UsageUnit, number][]) {
    const distance = Math.abs(Math.log(measuredBytes / (apiValue * factor)));
    if (best === undefined || distance < best.distance) best = { unit, distance };
  }
  return best && best.distance <= Math.log(AGREEMENT) ? best.unit : undefined;
}

export function usageToBytes(apiValue: number, unit: UsageUnit): number {
  return apiValue * USAGE_UNITS[unit];
}
