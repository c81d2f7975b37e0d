import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from './user.entity';

/** The users table: the only place with its SQL. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The active commissioners of an agency: who is told about its requirements, decisions and contracts. */
  listAgencyCommissioners(manager: EntityManager, agencyId: string): Promise<User[]> {
    return manager
      .createQueryBuilder(User, 'user')
      .where(`user.agencyId = :agencyId AND 'commissioner' = ANY(user.roles) AND user.status = 'active'`, { agencyId })
      .getMany();
  }

  /** The agency's commissioners and its partnership's panel members: who is told when bids close. */
  listCommissionersAndPanel(manager: EntityManager, agencyId: string): Promise<User[]> {
    return manager
      .createQueryBuilder(User, 'user')
      .innerJoin('agencies', 'agency', 'agency.id = user.agency_id')
      .where(`user.status = 'active'`)
      .andWhere(
        `((user.agency_id = :agencyId AND 'commissioner' = ANY(user.roles)) OR ('panel_member' = ANY(user.roles) AND agency.partnership_id = (SELECT partnership_id FROM agencies WHERE id = :agencyId)))`,
        { agencyId },
      )
      .getMany();
  }
}
