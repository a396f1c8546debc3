import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const arrivalBody = z
  .object({
    gateCode: z.string().trim().min(1).max(20).describe('must be the gate of your token or key'),
    plate: z.string().trim().min(1).max(20).describe('as read or typed, e.g. 14C-123.45'),
    source: z.enum(['ANPR', 'QR', 'MANUAL']),
    cameraId: z.string().trim().max(100).optional(),
    confidence: z.number().min(0).max(1).optional().describe('ANPR read confidence in [0, 1]'),
    shipmentId: z.string().regex(UUID, 'must be a UUID').optional().describe('QR: the pass'),
  })
  .strict();

export const confirmUnmatchedBody = z
  .object({ shipmentId: z.string().regex(UUID, 'must be a UUID') })
  .strict();

export const laneOpenBody = z.object({ open: z.boolean() }).strict();
