/**
 * What the panel's report downloads need from a finished job, and the clean-up after it: the
 * proxy's per-message log (as checked JSON, or as the proxy's own CSV text: the proxy already
 * neutralises cells a spreadsheet would run as formulas) and `DELETE /v1/jobs/:id`.
 * Part of the proxy bridge (proxy-bridge.ts), which gives it its HTTP client and pairing.
 */
import { z } from 'zod';
import { failure, type Handlers, type Outcome } from '../../lib/messaging.ts';
import { MESSAGE_LOG_CSV_COLUMNS, PROXY_ROUTES } from '../../lib/proxy-contract/index.ts';
import type { ProxyPairing } from '../../lib/storage.ts';
import type { ProxyHttp } from './proxy-http.ts';
import { summarizeIssues } from './validation.ts';

export type JobLogMessageType =
  | 'proxy.getMessageLog'
  | 'proxy.getMessageLogCsv'
  | 'proxy.deleteJob';

export interface JobLogDeps {
  http: ProxyHttp;
  /** The stored pairing, or a `not_configured` error. */
  paired(): Promise<Outcome<ProxyPairing>>;
  timeoutMs: number;
}

const JobRefSchema = z.strictObject({ id: z.string().min(1).max(200) });
const CSV_HEADER = MESSAGE_LOG_CSV_COLUMNS.join(',');

export function createJobLogHandlers({
  http,
  paired,
  timeoutMs,
}: JobLogDeps): Handlers<JobLogMessageType> {
  /** The checked job id and the pairing, or why the call cannot be made. */
  async function target(data: unknown): Promise<Outcome<{ id: string; to: ProxyPairing }>> {
    const input = JobRefSchema.safeParse(data);
    if (!input.success) return failure('bad_request', summarizeIssues(input.error));
    const to = await paired();
    if (!to.ok) return to;
    return { ok: true, value: { id: input.data.id, to: to.value } };
  }

  return {
    'proxy.getMessageLog': async (data) => {
      const call = await target(data);
      if (!call.ok) return call;
      const { id, to } = call.value;
      const route = PROXY_ROUTES.getReport;
      const report = await http.json(
        to,
        { route, params: { id }, query: { messages: 'true' } },
        route.response,
        timeoutMs,
      );
      if (!report.ok) return report;
      if (!report.value.messages) {
        return failure(
          'incompatible',
          'The proxy answered the report without its per-message log.',
        );
      }
      return { ok: true, value: { jobId: id, messages: report.value.messages } };
    },
    'proxy.getMessageLogCsv': async (data) => {
      const call = await target(data);
      if (!call.ok) return call;
      const { id, to } = call.value;
      const csv = await http.text(
        to,
        { route: PROXY_ROUTES.getReport, params: { id }, query: { format: 'csv' } },
        'text/csv',
        timeoutMs,
      );
      if (!csv.ok) return csv;
      // The columns are part of the contract: a proxy writing others is another version.
      const [header] = csv.value.split('\r\n', 1);
      if (header !== CSV_HEADER) {
        return failure(
          'incompatible',
          'The per-message log has other columns than this extension reads.',
        );
      }
      return { ok: true, value: { jobId: id, csv: csv.value } };
    },
    'proxy.deleteJob': async (data) => {
      const call = await target(data);
      if (!call.ok) return call;
      const { id, to } = call.value;
      const route = PROXY_ROUTES.deleteJob;
      return http.json(to, { route, params: { id } }, route.response, timeoutMs);
    },
  };
}
