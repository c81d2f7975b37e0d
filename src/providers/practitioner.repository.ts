import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Practitioner } from './practitioner.entity';

/** A practitioner's details as the provider enters them. */
export type PractitionerValues = Pick<
  Practitioner,
  'fullName' | 'profession' | 'registrationBody' | 'registrationBodyOther' | 'registrationNumber' | 'registrationExpiresOn' | 'dbsIssuedOn' | 'therapyTypeIds'
>;

/** The practitioners table: the only place with its SQL. */
@Injectable()
export class PractitionerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A provider's practitioners, by name. */
  listForProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<Practitioner[]> {
    return manager.find(Practitioner, { where: { providerId }, order: { fullName: 'ASC' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Practitioner | null> {
    return manager.findOne(Practitioner, { where: { id } });
  }

  /** The practitioner, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Practitioner | null> {
    return manager.findOne(Practitioner, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  createPractitioner(manager: EntityManager, values: PractitionerValues & { providerId: string }): Promise<Practitioner> {
    return manager.save(Practitioner, values);
  }

  async change(manager: EntityManager, id: string, values: PractitionerValues): Promise<void> {
    await manager.update(Practitioner, id, values);
  }
}
