import { z } from 'zod';
import { FEEDBACK_AGENCIES, FEEDBACK_STATUSES } from '../domain/feedback-scope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Longest message or answer (characters, after trimming); the audit service agrees. */
export const MAX_FEEDBACK_LENGTH = 2000;

const text = z
  .string()
  .trim()
  .min(1, 'is required')
  .refine((value) => [...value].length <= MAX_FEEDBACK_LENGTH, {
    message: `at most ${MAX_FEEDBACK_LENGTH} characters`,
  });

const feedbackFields = {
  kind: z.enum(['FEEDBACK', 'COMPLAINT']).describe('a remark, or a complaint'),
  agency: z.enum(FEEDBACK_AGENCIES).describe('the agency concerned, which answers'),
  message: text.describe(`1–${MAX_FEEDBACK_LENGTH} characters`),
};

/** `POST /feedback` (trader). */
export const traderFeedbackBody = z
  .object({ shipmentId: z.string().regex(UUID, 'must be a shipment id'), ...feedbackFields })
  .strict();

/** `POST /feedback/driver` (no account: plate + pass code, as for the queue position). */
export const driverFeedbackBody = z
  .object({
    plate: z.string().trim().min(1).max(20),
    passCode: z.string().trim().min(1).max(40),
    ...feedbackFields,
  })
  .strict();

/** `GET /feedback/driver?plate=&passCode=` */
export const driverFeedbackQuery = z
  .object({
    plate: z.string().trim().min(1).max(20),
    passCode: z.string().trim().min(1).max(40),
  })
  .strict();

/** `POST /feedback/{id}/answer` */
export const answerBody = z.object({ answer: text.describe('1–2000 characters') }).strict();

/** `GET /feedback?status=&agency=&shipmentId=&gateCode=&limit=&cursor=` */
export const listFeedbackQuery = z
  .object({
    status: z.enum(FEEDBACK_STATUSES).optional(),
    agency: z.enum(FEEDBACK_AGENCIES).optional(),
    shipmentId: z.string().regex(UUID, 'must be a shipment id').optional(),
    gateCode: z.string().trim().max(20).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

/** `GET /feedback/response-times?from=&to=&gateCode=` */
export const responseTimesQuery = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    gateCode: z.string().trim().max(20).optional(),
  })
  .strict();

export const feedbackIdParam = z.string().regex(UUID);
