import type { EntityManager } from 'typeorm';
import { User } from './user.entity';

/** The active commissioners of an agency: who is told about its requirements, decisions and contracts. */
export function agencyCommissioners(manager: EntityManager, agencyId: string): Promise<User[]> {
  return manager.createQueryBuilder(User, 'user').where(`user.agencyId = :agencyId AND 'commissioner' = ANY(user.roles) AND user.status = 'active'`, { agencyId }).getMany();
}
