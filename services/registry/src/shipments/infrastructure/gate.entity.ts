import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A border gate shipments can be registered for (seeded by migration GatesAndShipments1767225600001). */
@Entity({ name: 'gates' })
export class GateEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
