import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { requirementLifecycle, RequirementStatus } from './requirement-lifecycle';
import { Requirement } from './requirement.entity';

/**
 * The one way a requirement's status changes (issue 23): the lifecycle
 * refuses an illegal move, and the write runs in the caller's transaction.
 * Panel, conflicts and awards call it rather than updating the row; the
 * owner-writes test lists who may write the status.
 */
export async function transitionRequirement(
  manager: EntityManager,
  id: string,
  from: RequirementStatus,
  to: RequirementStatus,
  values: QueryDeepPartialEntity<Omit<Requirement, 'status'>> = {},
): Promise<void> {
  requirementLifecycle.assertMove(from, to);
  await manager.update(Requirement, id, { ...values, status: to } as QueryDeepPartialEntity<Requirement>);
}
