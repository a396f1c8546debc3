import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@cuakhau/messaging';
import { parseIdempotencyKey, registrationFingerprint } from '../domain/idempotency';
import { generatePassCode, hashPassCode } from '../domain/pass-code';
import { validateRegistration } from '../domain/register-shipment';
import type { FieldError } from '../domain/registry.errors';
import type { Shipment } from '../domain/shipment';
import { decide } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { REGISTRY_CONFIG } from '../../registry.tokens';
import type { RegistryConfig } from '../../registry.config';
import { commandMeta } from './command-meta';
import { codedError, validationFailed } from './registry-coded-errors';
import { RegistrationBatcher } from './registration-batcher';
import { eventsFor } from './shipment-events';

export interface RegisterShipmentCommand {
  readonly organisationId: string;
  /** The trader's data as the transport parsed it; validated here. */
  readonly registration: unknown;
  /** `<kind>:<id>` of the caller. */
  readonly actor: string;
  /** The client's Idempotency-Key ('' or absent: none). */
  readonly idempotencyKey?: string;
}

export interface RegisteredShipment {
  readonly shipment: Shipment;
  /**
   * The clear pass code: returned this once, stored only as its hash. Empty ('') on a
   * replay (see `replayed`).
   */
  readonly passCode: string;
  /**
   * True when an earlier call of the organisation with the same idempotency key and the
   * same request registered `shipment`: nothing new was stored or published.
   */
  readonly replayed: boolean;
}

/**
 * Registers a shipment: validate → decide → insert + ShipmentRegistered in one transaction
 * (shared with other registrations in flight: RegistrationBatcher).
 *
 * Idempotency: with a key, a retry of the same request returns the shipment the first call
 * registered (as it is now) — the same shipment id, nothing stored or published twice — and the same key
 * with a different request is refused (REGISTRY.IDEMPOTENCY_KEY_REUSED, FAILED_PRECONDITION).
 * The unique index on (organisation, key) decides, also between concurrent calls. A replay
 * carries NO pass code (`pass_code` is empty): the clear code exists only in the first
 * answer, the registry keeps only its hash and will not keep a recoverable copy of a
 * secret for the sake of retries. A client that lost the first answer calls ReissuePass
 * (the old code then stops working). A replay is validated like any call, so a retry long
 * after the planned arrival is refused as in the past rather than replayed.
 */
@Injectable()
export class RegisterShipmentHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly batcher: RegistrationBatcher,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async execute(command: RegisterShipmentCommand): Promise<RegisteredShipment> {
    const now = new Date();
    const validation = validateRegistration(command.registration, {
      now,
      knownGates: await this.shipments.knownGates(),
    });
    const problems: FieldError[] = validation.ok ? [] : [...validation.errors];
    if (command.organisationId.trim() === '') {
      problems.unshift({
        field: 'organisationId',
        code: 'REGISTRY.FIELD_REQUIRED',
        message: 'the organisation is required',
      });
    }
    const key = parseIdempotencyKey(command.idempotencyKey ?? '');
    if (!key.ok) problems.push(key.error);
    if (!validation.ok || !key.ok || problems.length > 0) throw validationFailed(problems);
    const organisationId = command.organisationId.trim();

    const passCode = generatePassCode(randomBytes);
    const decided = decide(null, {
      type: 'RegisterShipment',
      meta: commandMeta(command.actor, now),
      data: {
        shipmentId: uuidv7(),
        organisationId,
        registration: validation.value,
        passCodeHash: hashPassCode(passCode, this.config.PASS_CODE_PEPPER),
      },
    });
    if (!decided.ok) throw codedError(decided.error);
    const outcome = await this.batcher.submit({
      shipment: decided.value.state,
      events: eventsFor(null, decided.value),
      ...(key.key === undefined
        ? {}
        : {
            idempotency: {
              key: key.key,
              fingerprint: registrationFingerprint(organisationId, validation.value),
            },
          }),
    });
    switch (outcome.kind) {
      case 'created':
        return { shipment: decided.value.state, passCode, replayed: false };
      case 'replayed':
        return { shipment: outcome.shipment, passCode: '', replayed: true };
      case 'refused':
        throw outcome.error;
    }
  }
}
