import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { TherapyType } from './therapy-type.entity';

export type TherapyTypeValues = Pick<TherapyType, 'name' | 'description' | 'asgsfEligible' | 'fundingKind' | 'lightTouch' | 'cpvCode'>;

/** The therapy_types table: the only place with its SQL. */
@Injectable()
export class TherapyTypeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every therapy type, active first, in their order. */
  listAll(manager: EntityManager = this.dataSource.manager): Promise<TherapyType[]> {
    return manager.find(TherapyType, { order: { active: 'DESC', sortOrder: 'ASC', name: 'ASC' } });
  }

  /** The active therapy types in their order, then by name. */
  listActive(manager: EntityManager = this.dataSource.manager): Promise<TherapyType[]> {
    return manager.find(TherapyType, { where: { active: true }, order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  /** The active therapy types in their order (the practitioner form's checkboxes). */
  listActiveBySortOrder(manager: EntityManager = this.dataSource.manager): Promise<TherapyType[]> {
    return manager.find(TherapyType, { where: { active: true }, order: { sortOrder: 'ASC' } });
  }

  /** Those of the therapy types named that are active. */
  findActiveByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<TherapyType[]> {
    return manager.find(TherapyType, { where: { id: In(ids), active: true } });
  }

  /** How many of the therapy types named are active. */
  countActiveByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(TherapyType, { where: { id: In(ids), active: true } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<TherapyType | null> {
    return manager.findOneBy(TherapyType, { id });
  }

  findByIdOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<TherapyType> {
    return manager.findOneByOrFail(TherapyType, { id });
  }

  /** The therapy type, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<TherapyType | null> {
    return manager.findOne(TherapyType, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The id of another therapy type with this name, whatever its case, if there is one. */
  async idOfNamed(name: string, exceptId: string | undefined, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [clash]: Array<{ id: string }> = await manager.query(
      `SELECT id FROM therapy_types WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId ?? null],
    );
    return clash?.id ?? null;
  }

  /** Adds a therapy type at the end of the order. */
  async createLast(manager: EntityManager, values: TherapyTypeValues): Promise<TherapyType> {
    const [{ next }]: Array<{ next: number | string }> = await manager.query(`SELECT coalesce(max(sort_order), 0) + 1 AS next FROM therapy_types`);
    return manager.save(TherapyType, manager.create(TherapyType, { ...values, sortOrder: Number(next) }));
  }

  async change(manager: EntityManager, id: string, values: TherapyTypeValues): Promise<void> {
    await manager.update(TherapyType, id, values);
  }

  async setActive(manager: EntityManager, id: string, active: boolean): Promise<void> {
    await manager.update(TherapyType, id, { active });
  }
}
