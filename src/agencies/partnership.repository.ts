import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Partnership } from './partnership.entity';

/** The partnerships table: the only place with its SQL. */
@Injectable()
export class PartnershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every partnership, by name. */
  listAll(manager: EntityManager = this.dataSource.manager): Promise<Partnership[]> {
    return manager.find(Partnership, { order: { name: 'ASC' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Partnership | null> {
    return manager.findOneBy(Partnership, { id });
  }

  /** The partnership, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Partnership | null> {
    return manager.findOne(Partnership, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The id of another partnership with this name, whatever its case, if there is one. */
  async idOfNamed(name: string, exceptId: string | undefined, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [clash]: Array<{ id: string }> = await manager.query(
      `SELECT id FROM partnerships WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId ?? null],
    );
    return clash?.id ?? null;
  }

  createPartnership(manager: EntityManager, name: string): Promise<Partnership> {
    return manager.save(Partnership, manager.create(Partnership, { name }));
  }

  async rename(manager: EntityManager, id: string, name: string): Promise<void> {
    await manager.update(Partnership, id, { name });
  }

  async setActive(manager: EntityManager, id: string, active: boolean): Promise<void> {
    await manager.update(Partnership, id, { active });
  }
}
