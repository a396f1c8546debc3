import { validateRegistration, type RegistrationContext } from './register-shipment';
import type { Registration } from './shipment';

/** Test data shared by the unit specs of this folder (not used by production code). */

export const NOW = new Date('2026-11-30T00:00:00Z');

export const CONTEXT: RegistrationContext = {
  now: NOW,
  knownGates: new Set(['MONGCAI', 'HUUNGHI']),
};

/** The request of DESIGN.md §5. */
export function validInput(): Record<string, unknown> {
  return {
    gateCode: 'MONGCAI',
    direction: 'EXPORT',
    declarationNumber: '305123456780',
    plannedArrival: '2026-12-01T08:30:00+07:00',
    vehicle: { plate: '14C-123.45', trailerPlate: '14R-006.78', country: 'VN' },
    driver: {
      name: 'Nguyễn Văn An',
      documentNumber: 'C1234567',
      nationality: 'VN',
      phone: '+84912345678',
    },
    goods: [
      {
        hsCode: '08109010',
        description: 'Vải tươi / fresh lychee',
        quantity: 20000,
        unit: 'KGM',
        grossKg: 21000,
        valueUsd: 18000,
        origin: 'VN',
      },
    ],
    documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
  };
}

export function validRegistration(overrides: Partial<Registration> = {}): Registration {
  const result = validateRegistration(validInput(), CONTEXT);
  if (!result.ok) {
    throw new Error(`fixture does not validate: ${JSON.stringify(result.errors)}`);
  }
  return { ...result.value, ...overrides };
}

/** Freezes `value` and everything in it, so a test fails if code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) {
      deepFreeze(inner);
    }
  }
  return value;
}
