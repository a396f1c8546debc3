import { z } from 'zod';
import { GROUP_BY, periodQuery } from '../domain/report-period';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const gateCode = z.string().trim().max(20).optional().describe('ADMIN only');
/** `?gate=` (the name the reports were specified with) is the same as `?gateCode=`. */
const gate = z.string().trim().max(20).optional().describe('same as gateCode');

const reportFields = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  gateCode,
  gate,
});

/** One requested gate from `gateCode` or `gate`; both, naming different gates, is refused. */
function requestedGate(
  query: { gateCode?: string | undefined; gate?: string | undefined },
  context: z.RefinementCtx,
): string | undefined {
  const { gateCode: code, gate: alias } = query;
  if (code !== undefined && alias !== undefined && code.toUpperCase() !== alias.toUpperCase()) {
    context.addIssue({
      code: 'custom',
      path: ['gate'],
      message: 'names another gate than gateCode',
    });
  }
  return code ?? alias;
}

/** `GET /reports/clearance-times(.csv)?from=&to=&groupBy=` */
export function clearanceTimesQuery(now?: () => number) {
  return reportFields
    .extend({ groupBy: z.enum(GROUP_BY).default('step') })
    .strict()
    .transform((query, context) => {
      const period = periodQuery(now).safeParse({ from: query.from, to: query.to });
      if (!period.success) {
        period.error.issues.forEach((issue) => context.addIssue(issue));
        return z.NEVER;
      }
      return {
        ...period.data,
        groupBy: query.groupBy,
        gateCode: requestedGate(query, context),
      };
    });
}

/** `GET /reports/slowest-shipments?from=&to=&limit=` */
export function slowestShipmentsQuery(now?: () => number) {
  return reportFields
    .extend({ limit: z.coerce.number().int().min(1).max(100).default(10) })
    .strict()
    .transform((query, context) => {
      const period = periodQuery(now).safeParse({ from: query.from, to: query.to });
      if (!period.success) {
        period.error.issues.forEach((issue) => context.addIssue(issue));
        return z.NEVER;
      }
      return { ...period.data, limit: query.limit, gateCode: requestedGate(query, context) };
    });
}

/** `GET /reports/sla-breaches?limit=` */
export const slaBreachesQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(100), gateCode, gate })
  .strict()
  .transform((query, context) => ({
    limit: query.limit,
    gateCode: requestedGate(query, context),
  }));

/** `GET /audit?shipmentId=&afterSeq=&limit=` */
export const auditEntriesQuery = z
  .object({
    shipmentId: z.string().regex(UUID, 'must be a UUID'),
    afterSeq: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
