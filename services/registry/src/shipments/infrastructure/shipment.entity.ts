import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  AgencyStatuses,
  Direction,
  Driver,
  GoodsLine,
  ShipmentDocument,
  ShipmentStatus,
  TimelineEntry,
  Vehicle,
} from '../domain/shipment';

/** A row of `shipments` (migrations GatesAndShipments1767225600001, RegisterIdempotency1767225600002). */
@Entity({ name: 'shipments' })
export class ShipmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ name: 'gate_code', type: 'text' })
  gateCode!: string;

  @Column({ type: 'text' })
  direction!: Direction;

  @Column({ name: 'declaration_number', type: 'text' })
  declarationNumber!: string;

  @Column({ name: 'planned_arrival', type: 'timestamptz' })
  plannedArrival!: Date;

  @Column({ name: 'plate_normalised', type: 'text' })
  plateNormalised!: string;

  @Column({ type: 'jsonb' })
  vehicle!: Vehicle;

  @Column({ type: 'jsonb' })
  driver!: Driver;

  @Column({ type: 'jsonb' })
  goods!: GoodsLine[];

  @Column({ type: 'jsonb' })
  documents!: ShipmentDocument[];

  @Column({ type: 'text' })
  status!: ShipmentStatus;

  @Column({ type: 'jsonb' })
  agencies!: AgencyStatuses;

  @Column({ name: 'pass_code_hash', type: 'text' })
  passCodeHash!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'jsonb' })
  timeline!: TimelineEntry[];

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt!: Date | null;

  @Column({ name: 'called_lane_id', type: 'text', nullable: true })
  calledLaneId!: string | null;

  @Column({ name: 'no_show_count', type: 'integer' })
  noShowCount!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The client's Idempotency-Key of the Register that created the row (migration …002). */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 (hex) of that request: a retry matches it, a reused key does not. */
  @Column({ name: 'idempotency_fingerprint', type: 'text', nullable: true })
  idempotencyFingerprint!: string | null;
}
