import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from './user.entity';

/** The users table, for the lookups moved so far. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The active users of a provider organisation. */
  listActiveOfProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return manager.find(User, { where: { providerId, status: 'active' } });
  }
}
