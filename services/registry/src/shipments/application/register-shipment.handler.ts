import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { uuidv7 } from '@cuakhau/messaging';
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
import { ShipmentChangeWriter } from './shipment-change.writer';

export interface RegisterShipmentCommand {
  readonly organisationId: string;
  /** The trader's data as the transport parsed it; validated here. */
  readonly registration: unknown;
  /** `<kind>:<id>` of the caller. */
  readonly actor: string;
}

export interface RegisteredShipment {
  readonly shipment: Shipment;
  /** The clear pass code: returned this once, stored only as its hash. */
  readonly passCode: string;
}

/** Registers a shipment: validate → decide → insert + ShipmentRegistered, one transaction. */
@Injectable()
export class RegisterShipmentHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly shipments: ShipmentRepository,
    private readonly writer: ShipmentChangeWriter,
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
    if (!validation.ok || problems.length > 0) throw validationFailed(problems);

    const passCode = generatePassCode(randomBytes);
    const decided = decide(null, {
      type: 'RegisterShipment',
      meta: commandMeta(command.actor, now),
      data: {
        shipmentId: uuidv7(),
        organisationId: command.organisationId.trim(),
        registration: validation.value,
        passCodeHash: hashPassCode(passCode, this.config.PASS_CODE_PEPPER),
      },
    });
    if (!decided.ok) throw codedError(decided.error);
    await this.transactions.inTransaction((manager) =>
      this.writer.save(manager, null, decided.value),
    );
    return { shipment: decided.value.state, passCode };
  }
}
