import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { matchArrival } from '../domain/arrival-matching';
import { MAX_RAW_PLATE_LENGTH, normalisePlate } from '../domain/plate';
import type { ArrivalSource } from '../domain/yard';
import { YardRepository, type UnmatchedRow } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { queueError } from './queue-coded-errors';
import { TruckAdmission } from './truck-admission';
import type { YardPolicy } from './yard-policy';
import { YARD_POLICY } from './yard-policy.token';

export interface RecordArrivalCommand {
  readonly gateCode: string;
  readonly plate: string;
  readonly source: ArrivalSource | undefined;
  readonly cameraId: string;
  readonly confidence: number;
  readonly arrivedAt: Date;
  readonly shipmentIdHint?: string | undefined;
}

export type RecordArrivalResult =
  | { readonly matched: true; readonly shipmentId: string; readonly duplicate: boolean }
  | { readonly matched: false; readonly unmatched: UnmatchedRow };

const GATE_CODE = /^[A-Z0-9_-]{2,32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An arrival at the yard: matched to one shipment of the gate, or to the unmatched list. */
@Injectable()
export class RecordArrivalHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: YardRepository,
    private readonly admission: TruckAdmission,
    private readonly projector: LivePositionsProjector,
    @Inject(YARD_POLICY) private readonly policy: YardPolicy,
  ) {}

  async execute(command: RecordArrivalCommand): Promise<RecordArrivalResult> {
    const gateCode = command.gateCode.trim().toUpperCase();
    const plate = normalisePlate(command.plate);
    const source = command.source;
    if (!GATE_CODE.test(gateCode)) throw invalid('gateCode must be a gate code such as MONGCAI');
    if (plate === '' || command.plate.length > MAX_RAW_PLATE_LENGTH) {
      throw invalid(`plate must have 1 to ${MAX_RAW_PLATE_LENGTH} characters`);
    }
    if (source === undefined) throw invalid('source must be ANPR, QR or MANUAL');
    if (source === 'ANPR' && !(command.confidence >= 0 && command.confidence <= 1)) {
      throw invalid('confidence must be in [0, 1] for an ANPR read');
    }
    if (Number.isNaN(command.arrivedAt.getTime())) throw invalid('arrivedAt is not a time');
    const hint = command.shipmentIdHint?.trim() ?? '';
    if (hint !== '' && !UUID.test(hint)) throw invalid('shipmentId must be a UUID');
    const sighting = {
      source,
      cameraId: source === 'ANPR' ? command.cameraId.trim() : '',
      confidence: source === 'ANPR' ? command.confidence : 1,
      arrivedAt: command.arrivedAt,
    };
    const result = await this.transactions.inTransaction(
      async (tx): Promise<RecordArrivalResult> => {
        const shipments = await this.repository.shipmentsByPlate(tx, gateCode, plate);
        const outcome = matchArrival(
          { source, confidence: sighting.confidence, shipmentIdHint: hint },
          shipments.map((shipment) => ({ shipmentId: shipment.id, status: shipment.status })),
          this.policy.matching,
        );
        switch (outcome.kind) {
          case 'MATCHED': {
            const shipment = shipments.find((candidate) => candidate.id === outcome.shipmentId);
            if (shipment === undefined) throw new Error('matched shipment vanished');
            const admitted = await this.admission.admit(tx, shipment, sighting);
            return { matched: true, shipmentId: shipment.id, duplicate: !admitted };
          }
          case 'UNMATCHED': {
            const unmatched = await this.repository.insertUnmatched(tx, {
              id: uuidv7(),
              gateCode,
              plateRaw: command.plate,
              plate,
              ...sighting,
              reason: outcome.reason,
              candidateShipmentIds: [...outcome.candidateShipmentIds],
            });
            return { matched: false, unmatched };
          }
          default: {
            const unknown: never = outcome;
            throw new Error(`unknown match outcome ${JSON.stringify(unknown)}`);
          }
        }
      },
    );
    if (result.matched && !result.duplicate) {
      await this.projector.applyQuietly({ gateCode, trucks: [result.shipmentId] });
    }
    return result;
  }
}

function invalid(message: string): Error {
  return queueError('QUEUE.VALIDATION_FAILED', message);
}
