import type { EntityManager, EntityTarget, FindManyOptions, ObjectLiteral } from 'typeorm';

/**
 * One record with its to-one relations, in one statement. TypeORM's findOne
 * with relations runs a second, DISTINCT query first to page the joined
 * rows; a record joined only to its parents has one row, so that is waste.
 */
export async function findOneJoined<Entity extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Entity>,
  options: FindManyOptions<Entity>,
): Promise<Entity | null> {
  const [found] = await manager.find(entity, options);
  return found ?? null;
}
