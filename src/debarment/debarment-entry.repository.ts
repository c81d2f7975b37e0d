import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PageRequest } from '../common/http/pagination';
import { DebarmentEntry } from './debarment-entry.entity';

/** A new entry as the framework manager adds it. */
export type NewDebarmentEntry = Pick<
  DebarmentEntry,
  'partnershipId' | 'supplierName' | 'companiesHouseNumber' | 'groundKind' | 'ground' | 'addedOn' | 'endsOn' | 'reference' | 'createdByUserId'
>;

/** The debarment_entries table: the only place with its SQL. */
@Injectable()
export class DebarmentEntryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of a partnership's entries, the latest added first, and how many there are. */
  listPageForPartnership(partnershipId: string, page: PageRequest, manager: EntityManager = this.dataSource.manager): Promise<[DebarmentEntry[], number]> {
    return manager.findAndCount(DebarmentEntry, {
      where: { partnershipId },
      order: { addedOn: 'DESC', createdAt: 'DESC' },
      take: page.pageSize,
      skip: page.offset,
    });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<DebarmentEntry | null> {
    return manager.findOne(DebarmentEntry, { where: { id } });
  }

  /** The entry, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<DebarmentEntry | null> {
    return manager.findOne(DebarmentEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** A partnership's entries in force on `date`. */
  listInForce(partnershipId: string, date: string, manager: EntityManager = this.dataSource.manager): Promise<DebarmentEntry[]> {
    return manager
      .createQueryBuilder(DebarmentEntry, 'entry')
      .where('entry.partnershipId = :partnershipId', { partnershipId })
      .andWhere('entry.addedOn <= :date AND entry.endsOn > :date AND (entry.endedOn IS NULL OR entry.endedOn > :date)', { date })
      .getMany();
  }

  createEntry(manager: EntityManager, values: NewDebarmentEntry): Promise<DebarmentEntry> {
    return manager.save(DebarmentEntry, values);
  }

  async markEnded(manager: EntityManager, id: string, ended: { endedOn: string; endedReason: string; endedByUserId: string }): Promise<void> {
    await manager.update(DebarmentEntry, id, ended);
  }
}
