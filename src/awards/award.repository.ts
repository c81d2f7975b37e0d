import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AwardStatus } from './award-rules';
import { Award } from './award.entity';
import { UserChoiceAward } from './user-choice-award.entity';

/** A decision as it is first recorded, in one of the opening states. */
export type NewAward = Omit<Partial<Award>, 'id' | 'requirement' | 'meeting' | 'bid'> & Pick<Award, 'requirementId' | 'outcome' | 'rationale' | 'status'>;

/** The family's choice behind a direct award (issue 22). */
export type NewUserChoice = Pick<UserChoiceAward, 'awardId' | 'providerId' | 'preference' | 'reasons' | 'legalGround' | 'valuePence' | 'recordedByUserId'>;

/** The awards table and the user choices behind direct awards. An award's status is written only through `AwardTransition` (award-transition.ts). */
@Injectable()
export class AwardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Called by AwardTransition only: records a decision in its opening state. */
  insertAward(manager: EntityManager, values: NewAward): Promise<NewAward & Award> {
    return manager.save(Award, values);
  }

  /** Called by AwardTransition only, after the lifecycle allowed the move. */
  async writeAwardStatus(manager: EntityManager, id: string, status: AwardStatus, values: QueryDeepPartialEntity<Omit<Award, 'status'>>): Promise<void> {
    await manager.update(Award, id, { ...values, status } as QueryDeepPartialEntity<Award>);
  }

  async insertUserChoice(manager: EntityManager, values: NewUserChoice): Promise<void> {
    await manager.save(UserChoiceAward, values);
  }

  findByIdOrFail(id: string, manager: EntityManager = this.dataSource.manager): Promise<Award> {
    return manager.findOneByOrFail(Award, { id });
  }

  findByIdForUpdate(id: string, manager: EntityManager): Promise<Award> {
    return manager.findOneOrFail(Award, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The requirement's award that is not yet final (waiting for its notice or in standstill), locked. */
  findNotFinalForUpdate(requirementId: string, manager: EntityManager): Promise<Award | null> {
    return manager.findOne(Award, { where: { requirementId, status: In(['awaiting_notice', 'standstill']) }, lock: { mode: 'pessimistic_write' } });
  }

  /** The requirement's live decision (at most one, by a partial unique index); a withdrawn one is not. */
  findLiveForRequirement(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Award | null> {
    return manager.findOne(Award, { where: { requirementId, status: In(['awaiting_notice', 'standstill', 'confirmed']) } });
  }

  /** Awards in standstill whose last day is before `today`, claimed with SKIP LOCKED so several instances can confirm them. */
  claimStandstillEnded(today: string, manager: EntityManager): Promise<Award[]> {
    return manager
      .createQueryBuilder(Award, 'award')
      .where(`award.status = 'standstill' AND award.standstillEndsOn < :today`, { today })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  findDirectAward(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Award | null> {
    return manager.findOneBy(Award, { requirementId, method: 'user_choice' });
  }

  findUserChoiceWithProvider(awardId: string, manager: EntityManager = this.dataSource.manager): Promise<UserChoiceAward | null> {
    return manager.findOne(UserChoiceAward, { where: { awardId }, relations: { provider: true } });
  }

  findUserChoiceOrFail(awardId: string, manager: EntityManager = this.dataSource.manager): Promise<UserChoiceAward> {
    return manager.findOneByOrFail(UserChoiceAward, { awardId });
  }
}
