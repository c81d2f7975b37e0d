import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FairAccessLimit } from './fair-access-limit.entity';

/** A new limit as the system admin adds it. */
export type NewFairAccessLimitRow = Pick<
  FairAccessLimit,
  'appliesFrom' | 'combinedLimitPence' | 'therapyLimitPence' | 'assessmentLimitPence' | 'completeWithinYear' | 'description'
>;

/** The fair_access_limits table: the only place with its SQL. */
@Injectable()
export class FairAccessLimitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every limit, the latest in force first. */
  listNewestFirst(manager: EntityManager = this.dataSource.manager): Promise<FairAccessLimit[]> {
    return manager.find(FairAccessLimit, { order: { appliesFrom: 'DESC' } });
  }

  /** Adds the limit unless one already applies from that date; its id, or null when there was one. */
  async insertUnlessDateTaken(manager: EntityManager, values: NewFairAccessLimitRow): Promise<string | null> {
    const inserted = await manager.createQueryBuilder().insert().into(FairAccessLimit).values(values).orIgnore().returning('id').execute();
    const rows = inserted.raw as { id: string }[];
    return rows.length ? rows[0].id : null;
  }
}
