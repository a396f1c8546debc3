import { Injectable } from '@nestjs/common';
import type { FieldError } from '../domain/registry.errors';
import type { Shipment } from '../domain/shipment';
import {
  ShipmentRepository,
  type ShipmentCursor,
  type ShipmentFilter,
} from '../infrastructure/shipment.repository';
import { validationFailed } from './registry-coded-errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface ListShipmentsCommand {
  readonly filter: ShipmentFilter;
  /** 0 = default (50); capped at 200. */
  readonly pageSize: number;
  /** Opaque cursor from a previous page; empty for the first. */
  readonly pageToken: string;
}

export interface ShipmentPage {
  readonly shipments: readonly Shipment[];
  /** Empty on the last page. */
  readonly nextPageToken: string;
}

/** Newest planned arrival first, (planned arrival, id) as the stable cursor. */
@Injectable()
export class ListShipmentsHandler {
  constructor(private readonly shipments: ShipmentRepository) {}

  async execute(command: ListShipmentsCommand): Promise<ShipmentPage> {
    const problems: FieldError[] = [];
    if (!Number.isInteger(command.pageSize) || command.pageSize < 0) {
      problems.push({
        field: 'pageSize',
        code: 'REGISTRY.VALIDATION_FAILED',
        message: 'the page size is a number from 0 to 200',
      });
    }
    const cursor = command.pageToken === '' ? undefined : decodeCursor(command.pageToken);
    if (cursor === null) {
      problems.push({
        field: 'pageToken',
        code: 'REGISTRY.VALIDATION_FAILED',
        message: 'the page token is not one this service gave out',
      });
    }
    for (const [field, value] of [
      ['plannedArrivalFrom', command.filter.plannedArrivalFrom],
      ['plannedArrivalTo', command.filter.plannedArrivalTo],
    ] as const) {
      if (value !== undefined && Number.isNaN(Date.parse(value))) {
        problems.push({
          field,
          code: 'REGISTRY.PLANNED_ARRIVAL_INVALID',
          message: 'not a timestamp',
        });
      }
    }
    if (problems.length > 0 || cursor === null) throw validationFailed(problems);

    const size = Math.min(
      command.pageSize === 0 ? DEFAULT_PAGE_SIZE : command.pageSize,
      MAX_PAGE_SIZE,
    );
    const rows = await this.shipments.list(command.filter, cursor, size + 1);
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      shipments: page,
      nextPageToken:
        rows.length > size && last !== undefined
          ? encodeCursor({ plannedArrival: last.plannedArrival, id: last.id })
          : '',
    };
  }
}

/** base64url of `[plannedArrival, id]`. */
export function encodeCursor(cursor: ShipmentCursor): string {
  return Buffer.from(JSON.stringify([cursor.plannedArrival, cursor.id]), 'utf8').toString(
    'base64url',
  );
}

/** The cursor, or null when the token is not one {@link encodeCursor} made. */
export function decodeCursor(token: string): ShipmentCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0])) &&
      /^[0-9a-f-]{36}$/i.test(parsed[1])
    ) {
      return { plannedArrival: parsed[0], id: parsed[1] };
    }
  } catch {
    // not base64url JSON
  }
  return null;
}
