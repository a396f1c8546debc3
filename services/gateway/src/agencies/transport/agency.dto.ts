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
