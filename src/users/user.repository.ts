import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { findPage } from '../common/database/find-page';
import type { PageRequest } from '../common/http/pagination';
import type { Role } from './role';
import { User } from './user.entity';

/** A new account, pending until its holder sets a password. */
export type NewUser = Pick<User, 'email' | 'fullName' | 'roles'> & Partial<Pick<User, 'agencyId' | 'providerId'>>;

/** The user's agency is in a deactivated partnership and the user is not a system admin. */
const PARTNERSHIP_DEACTIVATED = `SELECT 1 FROM agencies a JOIN partnerships p ON p.id = a.partnership_id WHERE a.id = "user"."agency_id" AND NOT p.active AND NOT ('system_admin' = ANY("user"."roles"))`;

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

  /** The active user, unless staff of a deactivated partnership (system admins excepted). */
  findSignedIn(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager
      .createQueryBuilder(User, 'user')
      .where('user.id = :id', { id })
      .andWhere(`user.status = 'active'`)
      .andWhere(`NOT EXISTS (${PARTNERSHIP_DEACTIVATED})`)
      .getOne();
  }

  /** Includes the password hash, which is otherwise never selected. */
  findByEmailWithPasswordHash(email: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.createQueryBuilder(User, 'user').addSelect('user.passwordHash').where('user.email = :email', { email }).getOne();
  }

  emailExists(manager: EntityManager, email: string): Promise<boolean> {
    return manager.exists(User, { where: { email } });
  }

  /** One page of users by name, each with their agency and provider, and how many there are. */
  listPage(filter: { search?: string; role?: Role }, pageRequest: PageRequest, manager: EntityManager = this.dataSource.manager): Promise<[User[], number]> {
    const query = manager.createQueryBuilder(User, 'user').leftJoinAndSelect('user.agency', 'agency').leftJoinAndSelect('user.provider', 'provider');
    if (filter.search) {
      query.andWhere('(user.email ILIKE :search OR user.fullName ILIKE :search)', { search: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (filter.role) query.andWhere(':role = ANY(user.roles)', { role: filter.role });
    return findPage(query.orderBy('user.fullName', 'ASC').addOrderBy('user.id'), pageRequest);
  }

  /** The user with their agency and provider. */
  findWithOrganisations(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOne(User, { where: { id }, relations: { agency: true, provider: true } });
  }

  /** A new pending account. */
  createPending(manager: EntityManager, person: NewUser): Promise<User> {
    return manager.save(User, { ...person, status: 'pending' });
  }

  /** The user, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async setRoles(manager: EntityManager, id: string, roles: Role[]): Promise<void> {
    await manager.update(User, id, { roles });
  }

  /** The user; throws when there is none. */
  findByIdOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<User> {
    return manager.findOneByOrFail(User, { id });
  }

  /** The active user. */
  findActive(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { id, status: 'active' });
  }

  /** The active user, locked until the transaction ends. */
  lockActive(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOne(User, { where: { id, status: 'active' }, lock: { mode: 'pessimistic_write' } });
  }

  /** The active user with their authenticator secret, which is otherwise never selected, locked until the transaction ends. */
  lockActiveWithTotpSecret(manager: EntityManager, id: string): Promise<User | null> {
    return manager
      .createQueryBuilder(User, 'user')
      .addSelect('user.totpSecret')
      .where('user.id = :userId AND user.status = :active', { userId: id, active: 'active' })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Changes the user's authenticator columns. */
  async setTotp(manager: EntityManager, id: string, totp: Partial<Pick<User, 'totpSecret' | 'totpEnabledAt' | 'totpLastStep'>>): Promise<void> {
    await manager.update(User, id, totp);
  }

  /** The user, or null. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  /** Includes the password hash, which is otherwise never selected. */
  findByIdWithPasswordHash(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.createQueryBuilder(User, 'user').addSelect('user.passwordHash').where('user.id = :id', { id }).getOne();
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(User, id, { passwordHash });
  }

  async setStatus(manager: EntityManager, id: string, status: User['status']): Promise<void> {
    await manager.update(User, id, { status });
  }

  /** The active users of a provider organisation. */
  listActiveOfProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return manager.find(User, { where: { providerId, status: 'active' } });
  }

  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOne(User, { where: { email } });
  }

  /** The user with this email, locked until the transaction ends. */
  lockByEmail(manager: EntityManager, email: string): Promise<User | null> {
    return manager.findOne(User, { where: { email }, lock: { mode: 'pessimistic_write' } });
  }

  /** A provider's users, by name. */
  listOfProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return manager.find(User, { where: { providerId }, order: { fullName: 'ASC' } });
  }

  /** A new account with its password already set (a provider signing itself up). */
  createWithPassword(manager: EntityManager, person: NewUser & Pick<User, 'passwordHash' | 'isProviderAdmin' | 'status'>): Promise<User> {
    return manager.save(User, person);
  }
}
