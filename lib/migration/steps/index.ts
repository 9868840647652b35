/** The steps in their order (issue 4, "Run"); the plan lists which of them a run takes. */
import { configureDestination } from './configure-destination.ts';
import type { Step } from './context.ts';
import { copyContent } from './copy-content.ts';
import { ensureDomain } from './ensure-domain.ts';
import { finalPass } from './final-pass.ts';
import { legacyMove } from './legacy-move.ts';
import { recreateAliases } from './recreate-aliases.ts';
import { renameSource } from './rename-source.ts';
import { reportStep } from './report.ts';
import { setSourcePassword } from './set-source-password.ts';
import { verify } from './verify.ts';

export function allSteps(now: () => Date): Step[] {
  return [
    ensureDomain,
    legacyMove,
    renameSource,
    configureDestination,
    setSourcePassword,
    copyContent,
    finalPass,
    verify,
    recreateAliases,
    reportStep(now),
  ];
}
