import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ThresholdKind, ThresholdRegime } from './data/procurement-thresholds';

/**
 * The procurement thresholds the contracts' legal facts are judged against:
 * the figures shipped in `data/procurement-thresholds.ts`, loaded at every
 * start, and any later figures a system admin adds from their date.
 */
@Entity('procurement_thresholds')
@Check('ck_procurement_thresholds_regime', `regime IN ('pa2023', 'pcr2015')`)
@Check('ck_procurement_thresholds_kind', `kind IN ('light_touch', 'sub_central_services', 'notifiable_below_threshold')`)
@Check('ck_procurement_thresholds_pence', `pence > 0`)
export class ProcurementThreshold {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_procurement_thresholds' })
  regime: ThresholdRegime;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_procurement_thresholds' })
  kind: ThresholdKind;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'pk_procurement_thresholds' })
  inForceFrom: string;

  /** Including VAT (PA 2023 s.4). */
  @Column('integer')
  pence: number;

  @Column('text')
  source: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
