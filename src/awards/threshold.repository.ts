import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { thresholdTableOf } from './contract-law';
import type { ThresholdTable } from './data/procurement-thresholds';
import { ProcurementThreshold } from './procurement-threshold.entity';

/** A threshold figure as the system admin adds it. */
export type NewThreshold = Pick<ProcurementThreshold, 'regime' | 'kind' | 'pence' | 'inForceFrom' | 'source'>;

/** The procurement_thresholds table. */
@Injectable()
export class ThresholdRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The table the legal facts read: every figure held, known through the shipped data's date or two years past the latest figure added. */
  async loadThresholdTable(manager: EntityManager = this.dataSource.manager): Promise<ThresholdTable> {
    return thresholdTableOf(await manager.find(ProcurementThreshold, { select: { regime: true, kind: true, inForceFrom: true, pence: true, source: true } }));
  }

  /** Adds a figure unless one of its kind already starts that day; whether it was added. */
  async addUnlessDated(manager: EntityManager, values: NewThreshold): Promise<boolean> {
    const inserted = await manager.createQueryBuilder().insert().into(ProcurementThreshold).values(values).orIgnore().returning('regime').execute();
    return (inserted.raw as unknown[]).length > 0;
  }
}
