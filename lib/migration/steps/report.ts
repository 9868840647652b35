/** Last step: the report, kept in the run's state. */
import { buildReport } from '../report.ts';
import type { Step } from './context.ts';

export function reportStep(now: () => Date): Step {
  return {
    id: 'report',
    errorCode: 'invalid_state',
    async run(context) {
      context.state.report = buildReport(context.state, now());
      await context.save();
      return 'done';
    },
  };
}
