import { z } from 'zod';
import type { AgencyName } from '../../auth/domain/access-rules';

const text = (max: number) => z.string().trim().min(1).max(max);
const expectedVersion = z.number().int().min(1).describe('the case version you read');

/** Case statuses each agency knows (short names). */
export const CASE_STATUSES: Readonly<Record<AgencyName, readonly string[]>> = {
  customs: ['OPEN', 'HELD', 'CLEARED', 'REJECTED', 'CANCELLED'],
  'border-guard': ['HOLD', 'CLEARED', 'REJECTED', 'CANCELLED'],
  quarantine: ['OPEN', 'HELD', 'CLEARED', 'REJECTED', 'NOT_REQUIRED', 'CANCELLED'],
};

export function listCasesQuery(agency: AgencyName) {
  const statuses = CASE_STATUSES[agency] as [string, ...string[]];
  return z
    .object({
      status: z
        .string()
        .optional()
        .transform((value) => (value === undefined || value === '' ? [] : value.split(',')))
        .pipe(z.array(z.enum(statuses)))
        .describe('comma-separated case statuses'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(500).optional(),
    })
    .strict();
}

export const decisionBody = z
  .object({
    decision: z.enum(['CLEARED', 'HOLD', 'REJECTED']),
    reason: z.string().trim().max(1000).default(''),
    expectedVersion,
  })
  .strict();
export type DecisionBody = z.infer<typeof decisionBody>;

export const inspectionBody = z
  .object({
    findings: text(4000),
    seals: z.array(text(50)).max(20).default([]),
    photos: z
      .array(z.object({ documentId: text(200), caption: z.string().max(500).default('') }).strict())
      .max(20)
      .default([]),
    expectedVersion,
  })
  .strict();

export const channelBody = z
  .object({
    channel: z.enum(['GREEN', 'YELLOW', 'RED']),
    reason: text(1000),
    expectedVersion,
  })
  .strict();

export const sampleBody = z
  .object({
    sampleId: text(100),
    labReference: text(100),
    expectedVersion,
  })
  .strict();

export const labResultBody = z
  .object({
    result: z.enum(['PASS', 'FAIL']),
    notes: z.string().trim().max(2000).default(''),
    expectedVersion,
  })
  .strict();

export const crossingBody = z
  .object({
    shipmentId: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID'),
  })
  .strict();

const optionalText = (max: number) => z.string().trim().max(max).default('');

/** `POST /agencies/border-guard/watch-list` */
export const watchListEntryBody = z
  .object({
    subject: z.enum(['PERSON', 'VEHICLE']),
    fullName: optionalText(200),
    documentNumber: optionalText(50),
    nationality: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2')
      .optional(),
    dateOfBirth: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .optional(),
    plate: optionalText(20),
    reason: text(1000),
    expiresAt: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((entry, context) => {
    if (entry.subject === 'VEHICLE' && entry.plate === '') {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['plate'], message: 'is required' });
    }
    if (entry.subject === 'PERSON' && entry.fullName === '' && entry.documentNumber === '') {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['fullName'],
        message: 'a person needs a full name or a document number',
      });
    }
  });
export type WatchListEntryBody = z.infer<typeof watchListEntryBody>;

/** `POST …/watch-list/{id}/expire` and `DELETE …/watch-list/{id}` */
export const watchListEndBody = z.object({ reason: text(1000) }).strict();

/** `GET /agencies/border-guard/watch-list?includeInactive=` */
export const watchListQuery = z
  .object({
    includeInactive: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .strict();
