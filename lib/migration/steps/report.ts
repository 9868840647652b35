/** Last step: the report (task ids, copy figures, mail window, DNS), kept in the run's state. */
import { z } from 'zod';
import { buildReport } from '../report.ts';
import { defineStep, planned, stepMessages } from '../step-kit/define-step.ts';

export const id = 'report';

export const messages = stepMessages(id, {
  copy: 'Write the report: task ids, copy figures, and what is left to do by hand.',
  legacy_move: 'Write the report: task ids, and what is left to do by hand.',
});

/** The report itself lives in `state.report`; this step changes nothing on either platform. */
export const record = z.object({});

export const reportStep = defineStep({
  id,
  errorCode: 'invalid_state',
  record,
  messages,
  describe(plan) {
    return planned(id, plan.route === 'legacy_move' ? messages.legacy_move : messages.copy, {});
  },

  async run(context) {
    const { plan, destination, op } = context;
    // The DNS diagnosis is advice: a failure to read it does not fail the run.
    const domain = await destination
      .getDomain(plan.destination.service, plan.domain.name, op)
      .catch(() => undefined);
    context.state.report = buildReport(context.state, context.now(), domain?.dns);
    await context.save();
    return 'done';
  },

  async undo() {
    // Nothing changed.
  },
});
