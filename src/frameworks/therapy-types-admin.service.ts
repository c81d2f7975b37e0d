import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { TherapyType } from './therapy-type.entity';

export type TherapyTypeValues = Pick<TherapyType, 'name' | 'description' | 'asgsfEligible' | 'fundingKind' | 'lightTouch' | 'cpvCode'>;

/** The therapy types frameworks offer as lots. Lots and bids refer to them, so they are deactivated, never deleted. */
@Injectable()
export class TherapyTypesAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<TherapyType[]> {
    return this.dataSource.manager.find(TherapyType, { order: { active: 'DESC', sortOrder: 'ASC', name: 'ASC' } });
  }

  async get(id: string): Promise<TherapyType> {
    const therapyType = await this.dataSource.manager.findOneBy(TherapyType, { id });
    if (!therapyType) throw new NotFoundException();
    return therapyType;
  }

  async create(values: TherapyTypeValues): Promise<TherapyType> {
    return this.dataSource.transaction(async (manager) => {
      await this.refuseRepeatedName(manager, values.name);
      const [{ next }] = await manager.query(`SELECT coalesce(max(sort_order), 0) + 1 AS next FROM therapy_types`);
      const therapyType = await manager.save(TherapyType, manager.create(TherapyType, { ...values, sortOrder: Number(next) }));
      await this.audit.record(manager, { action: 'therapy_type.created', entityType: 'therapy_type', entityId: therapyType.id, after: { ...values } });
      return therapyType;
    });
  }

  async update(id: string, values: TherapyTypeValues): Promise<TherapyType> {
    return this.dataSource.transaction(async (manager) => {
      const therapyType = await manager.findOne(TherapyType, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!therapyType) throw new NotFoundException();
      await this.refuseRepeatedName(manager, values.name, id);
      const before = {
        name: therapyType.name,
        description: therapyType.description,
        asgsfEligible: therapyType.asgsfEligible,
        fundingKind: therapyType.fundingKind,
        lightTouch: therapyType.lightTouch,
        cpvCode: therapyType.cpvCode,
      };
      await manager.update(TherapyType, id, values);
      await this.audit.record(manager, { action: 'therapy_type.changed', entityType: 'therapy_type', entityId: id, before, after: { ...values } });
      return { ...therapyType, ...values };
    });
  }

  async setActive(id: string, active: boolean): Promise<TherapyType> {
    return this.dataSource.transaction(async (manager) => {
      const therapyType = await manager.findOne(TherapyType, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!therapyType) throw new NotFoundException();
      if (therapyType.active !== active) {
        await manager.update(TherapyType, id, { active });
        await this.audit.record(manager, {
          action: `therapy_type.${active ? 'reactivated' : 'deactivated'}`,
          entityType: 'therapy_type',
          entityId: id,
          before: { active: therapyType.active },
          after: { active },
        });
      }
      return { ...therapyType, active };
    });
  }

  private async refuseRepeatedName(manager: EntityManager, name: string, exceptId?: string): Promise<void> {
    const [clash] = await manager.query(`SELECT id FROM therapy_types WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
      name,
      exceptId ?? null,
    ]);
    if (clash) throw FormInvalidError.forField('name', 'There is already a therapy type with this name');
  }
}
