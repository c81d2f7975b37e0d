import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Membership } from './membership.entity';

/** A membership's status as its lifecycle moves it. */
export type MembershipStatusChange = Pick<Membership, 'status' | 'statusReason' | 'statusChangedAt' | 'suspendedForCompliance'>;

/** The memberships table: the only place with its SQL. */
@Injectable()
export class MembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The membership, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Membership | null> {
    return manager.findOne(Membership, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async writeStatus(manager: EntityManager, id: string, change: MembershipStatusChange): Promise<void> {
    await manager.update(Membership, id, change);
  }
}
