/** Last step: the report, kept in the run's state. */
import { buildReport } from '../report.ts';
import type { Step } from './context.ts';

export function reportStep(now: () => Date): Step {
  return {
    id: 'report',
    errorCode: 'invalid_state',
    async run(context) {
      const { plan, destination, op } = context;
      // The DNS diagnosis is advice: a failure to read it does not fail the run.
      const domain = await destination
        .getDomain(plan.destination.service, plan.domain.name, op)
        .catch(() => undefined);
      context.state.report = buildReport(context.state, now(), domain?.dns);
      await context.save();
      return 'done';
    },
  };
}
