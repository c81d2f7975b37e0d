import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { IllegalTransitionError } from '../common/lifecycle';
import { AWARD_OPENING_STATUSES, awardLifecycle, AwardStatus } from './award-rules';
import type { Award } from './award.entity';
import { AwardRepository, NewAward } from './award.repository';

/**
 * The one way an award's status is set (issue 23): a decision is recorded in
 * an opening state, and every later move is checked by the lifecycle, in the
 * caller's transaction. The owner-writes test keeps every other file off it.
 */
@Injectable()
export class AwardTransition {
  constructor(private readonly awards: AwardRepository) {}

  /** Records a new decision; it cannot start withdrawn. */
  async createAward(manager: EntityManager, values: NewAward): Promise<Award> {
    if (!AWARD_OPENING_STATUSES.includes(values.status)) throw new IllegalTransitionError(`An award cannot be recorded as ${values.status}`);
    return this.awards.insertAward(manager, values);
  }

  /** Moves the award from the status it was read (and locked) with; an illegal move is refused and nothing is written. */
  async transitionAward(
    manager: EntityManager,
    award: Pick<Award, 'id' | 'status'>,
    to: AwardStatus,
    values: QueryDeepPartialEntity<Omit<Award, 'status'>> = {},
  ): Promise<void> {
    awardLifecycle.assertMove(award.status, to);
    await this.awards.writeAwardStatus(manager, award.id, to, values);
  }
}
