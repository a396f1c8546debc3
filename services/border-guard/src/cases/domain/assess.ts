import {
  screenPerson,
  screenVehicle,
  type WatchListEntry,
} from '../../watch-list/domain/watch-list';
import type { Finding, ShipmentData } from './border-guard-case';
import { checkTravelDocument } from './travel-document';
import { checkVehiclePermit, type VehiclePermit } from './vehicle-permit';

/** Everything the checks need beside the shipment, loaded by the application. */
export interface CheckInputs {
  readonly permits: readonly VehiclePermit[];
  /** Watch-list candidates (the repository's pre-selection; screening decides). */
  readonly watchList: readonly WatchListEntry[];
  readonly now: Date;
}

/**
 * Every automatic check of a shipment's driver and vehicle: travel document (format, expiry
 * on the planned crossing date), cross-border permit, watch list (driver and both plates).
 */
export function assess(shipment: ShipmentData, inputs: CheckInputs): Finding[] {
  const crossing = new Date(shipment.plannedArrival);
  const driverHits = screenPerson(
    {
      name: shipment.driver.name,
      documentNumber: shipment.driver.documentNumber,
      nationality: shipment.driver.nationality,
    },
    inputs.watchList,
    inputs.now,
  );
  const vehicleHits = screenVehicle(
    [shipment.vehicle.plate, shipment.vehicle.trailerPlate],
    inputs.watchList,
    inputs.now,
  );
  return [
    ...checkTravelDocument(
      {
        nationality: shipment.driver.nationality,
        documentNumber: shipment.driver.documentNumber,
        ...(shipment.driver.documentExpiry === undefined
          ? {}
          : { documentExpiry: shipment.driver.documentExpiry }),
      },
      crossing,
    ),
    ...checkVehiclePermit(shipment.normalisedPlate, inputs.permits, crossing),
    ...[...driverHits, ...vehicleHits].map((hit): Finding => ({
      code: 'WATCH_LIST_MATCH',
      message: `${hit.screened} matches watch-list entry ${hit.entry.id} by ${hit.basis.toLowerCase().replace('_', ' ')} (score ${hit.score.toFixed(3)}): ${hit.entry.reason}`,
      match: hit,
    })),
  ];
}
