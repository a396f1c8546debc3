import type { Finding } from './border-guard-case';

/** A cross-border vehicle permit (giấy phép liên vận) for one normalised plate. */
export interface VehiclePermit {
  readonly permitNumber: string;
  readonly plate: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** A permit of the tractor valid on the planned crossing date, else a finding. */
export function checkVehiclePermit(
  plate: string,
  permits: readonly VehiclePermit[],
  crossingDate: Date,
): Finding[] {
  if (permits.length === 0) {
    return [
      {
        code: 'VEHICLE_PERMIT_MISSING',
        message: `vehicle ${plate} has no cross-border permit`,
      },
    ];
  }
  const at = crossingDate.getTime();
  const valid = permits.some(
    (permit) =>
      new Date(permit.validFrom).getTime() <= at && at <= new Date(permit.validUntil).getTime(),
  );
  if (valid) return [];
  const numbers = permits.map(
    (permit) =>
      `${permit.permitNumber} (${permit.validFrom.slice(0, 10)}–${permit.validUntil.slice(0, 10)})`,
  );
  return [
    {
      code: 'VEHICLE_PERMIT_EXPIRED',
      message: `no permit of vehicle ${plate} is valid on ${crossingDate.toISOString().slice(0, 10)}: ${numbers.join(', ')}`,
    },
  ];
}
