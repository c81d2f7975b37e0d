import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { TherapyType } from './therapy-type.entity';
import { TherapyTypeRepository, TherapyTypeValues } from './therapy-type.repository';

export type { TherapyTypeValues } from './therapy-type.repository';

/** The therapy types frameworks offer as lots. Lots and bids refer to them, so they are deactivated, never deleted. */
@Injectable()
export class TherapyTypesAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly therapyTypes: TherapyTypeRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<TherapyType[]> {
    return this.therapyTypes.listAll();
  }

  async get(id: string): Promise<TherapyType> {
    const therapyType = await this.therapyTypes.findById(id);
    if (!therapyType) throw new NotFoundException();
    return therapyType;
  }

  async create(values: TherapyTypeValues): Promise<TherapyType> {
    return this.dataSource.transaction(async (manager) => {
      await this.refuseRepeatedName(manager, values.name);
      const therapyType = await this.therapyTypes.createLast(manager, values);
      await this.audit.record(manager, { action: 'therapy_type.created', entityType: 'therapy_type', entityId: therapyType.id, after: { ...values } });
      return therapyType;
    });
  }

  async update(id: string, values: TherapyTypeValues): Promise<TherapyType> {
    return this.dataSource.transaction(async (manager) => {
      const therapyType = await this.therapyTypes.lockById(manager, id);
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
      await this.therapyTypes.change(manager, id, values);
      await this.audit.record(manager, { action: 'therapy_type.changed', entityType: 'therapy_type', entityId: id, before, after: { ...values } });
      return { ...therapyType, ...values };
    });
  }

  async setActive(id: string, active: boolean): Promise<TherapyType> {
    return this.dataSource.transaction(async (manager) => {
      const therapyType = await this.therapyTypes.lockById(manager, id);
      if (!therapyType) throw new NotFoundException();
      if (therapyType.active !== active) {
        await this.therapyTypes.setActive(manager, id, active);
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
    if (await this.therapyTypes.idOfNamed(name, exceptId, manager)) throw FormInvalidError.forField('name', 'There is already a therapy type with this name');
  }
}
