/**
 * What customs knows of a shipment: the declaration as the registry published it in
 * ShipmentRegistered / ShipmentAmended (cuakhau.registry.v1), in the domain's own plain
 * words. The transport maps the proto message into this once; nothing here imports the
 * generated contracts, so the rules stay pure and easy to test.
 */

export const CHANNELS = ['GREEN', 'YELLOW', 'RED'] as const;
/** Risk selectivity channel: release on data, document check, physical inspection. */
export type Channel = (typeof CHANNELS)[number];

const SEVERITY: Readonly<Record<Channel, number>> = { GREEN: 0, YELLOW: 1, RED: 2 };

/** How strict a channel is: GREEN 0 < YELLOW 1 < RED 2. */
export function channelSeverity(channel: Channel): number {
  return SEVERITY[channel];
}

/** The stricter of two channels (RED > YELLOW > GREEN). */
export function stricterChannel(a: Channel, b: Channel): Channel {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export const DIRECTIONS = ['EXPORT', 'IMPORT'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One line of goods on the declaration (common.v1.GoodsLine). */
export interface GoodsLine {
  /** Harmonised System code, digits only, e.g. `08109010`. */
  readonly hsCode: string;
  readonly description: string;
  readonly quantity: number;
  /** UN/ECE Rec. 20 unit code, e.g. `KGM`. */
  readonly unit: string;
  readonly grossKg: number;
  readonly valueUsd: number;
  /** ISO 3166-1 alpha-2 country of origin. */
  readonly origin: string;
}

/** A document attached to the shipment (common.v1.ShipmentDocument). */
export interface DeclarationDocument {
  /** e.g. `PHYTO_CERT`, `VET_CERT`, `CO`, `INVOICE`. */
  readonly type: string;
  readonly number: string;
}

export interface DeclarationVehicle {
  readonly plate: string;
  readonly trailerPlate?: string;
  readonly country: string;
}

export interface DeclarationDriver {
  readonly name: string;
  readonly documentNumber: string;
  readonly nationality: string;
  readonly phone?: string;
}

/** The customs declaration of one shipment, as last registered or amended. */
export interface Declaration {
  readonly shipmentId: string;
  /** The trader (or broker) organisation that declared it. */
  readonly organisationId: string;
  /** Upper case, e.g. `MONGCAI`. */
  readonly gateCode: string;
  readonly direction: Direction;
  readonly declarationNumber: string;
  /** ISO 8601. */
  readonly plannedArrival: string;
  readonly vehicle: DeclarationVehicle;
  /** The tractor plate normalised for matching, e.g. `14C12345`. */
  readonly normalisedPlate: string;
  readonly driver: DeclarationDriver;
  readonly goods: readonly GoodsLine[];
  readonly documents: readonly DeclarationDocument[];
}
