import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const country = z.string().length(2).describe('ISO 3166-1 alpha-2, e.g. VN');

export const vehicleSchema = z
  .object({
    plate: text(20).describe('tractor plate as written, e.g. 14C-123.45'),
    trailerPlate: z.string().max(20).optional(),
    country,
  })
  .strict();

export const driverSchema = z
  .object({
    name: text(200),
    documentNumber: text(50),
    nationality: country,
    phone: z.string().max(20).optional().describe('E.164, e.g. +84912345678'),
  })
  .strict();

export const goodsLineSchema = z
  .object({
    hsCode: text(10).describe('HS code, 6 to 10 digits'),
    description: text(500),
    quantity: z.number().positive(),
    unit: text(10).describe('UN/ECE Rec. 20 unit, e.g. KGM'),
    grossKg: z.number().positive(),
    valueUsd: z.number().min(0),
    origin: country,
  })
  .strict();

export const documentSchema = z.object({ type: text(50), number: text(100) }).strict();

export const registerShipmentBody = z
  .object({
    gateCode: text(20),
    direction: z.enum(['EXPORT', 'IMPORT']),
    declarationNumber: text(30),
    plannedArrival: z.string().datetime({ offset: true }),
    vehicle: vehicleSchema,
    driver: driverSchema,
    goods: z.array(goodsLineSchema).min(1).max(200),
    documents: z.array(documentSchema).max(50).default([]),
  })
  .strict();
export type RegisterShipmentBody = z.infer<typeof registerShipmentBody>;

/** JSON merge patch of the trader's data (vehicle and driver merge; goods and documents replace). */
export const patchShipmentBody = z
  .object({
    expectedVersion: z.number().int().min(1).optional(),
    gateCode: text(20).optional(),
    direction: z.enum(['EXPORT', 'IMPORT']).optional(),
    declarationNumber: text(30).optional(),
    plannedArrival: z.string().datetime({ offset: true }).optional(),
    vehicle: vehicleSchema.partial().strict().optional(),
    driver: driverSchema.partial().strict().optional(),
    goods: z.array(goodsLineSchema).min(1).max(200).optional(),
    documents: z.array(documentSchema).max(50).optional(),
  })
  .strict();
export type PatchShipmentBody = z.infer<typeof patchShipmentBody>;

export const cancelShipmentBody = z
  .object({
    reason: text(500),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict();

export const reissuePassBody = z
  .object({ expectedVersion: z.number().int().min(1).optional() })
  .strict();

export const SHIPMENT_STATUSES = [
  'REGISTERED',
  'ARRIVED',
  'IN_REVIEW',
  'CLEARED',
  'CALLED',
  'DEPARTED',
  'HELD',
  'REJECTED',
  'CANCELLED',
  'NO_SHOW',
] as const;

export const listShipmentsQuery = z
  .object({
    status: z
      .string()
      .optional()
      .transform((value) => (value === undefined || value === '' ? [] : value.split(',')))
      .pipe(z.array(z.enum(SHIPMENT_STATUSES)))
      .describe('comma-separated statuses'),
    gateCode: z.string().max(20).optional(),
    plannedArrivalFrom: z.string().datetime({ offset: true }).optional(),
    plannedArrivalTo: z.string().datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const shipmentIdParam = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** `If-Match: "3"` or `W/"3"` → 3. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}
