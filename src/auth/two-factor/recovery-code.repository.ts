import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RecoveryCode } from './recovery-code.entity';

/** The recovery_codes table: the only place with its SQL. */
@Injectable()
export class RecoveryCodeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Marks the person's unused code with this hash used. False when there is no such code. */
  async markUsed(manager: EntityManager, userId: string, codeHash: string): Promise<boolean> {
    const used = await manager
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: () => 'now()' })
      .where({ userId, codeHash, usedAt: IsNull() })
      .execute();
    return !!used.affected;
  }

  /** How many of the person's codes are still unused. */
  countUnused(userId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.countBy(RecoveryCode, { userId, usedAt: IsNull() });
  }

  /** Deletes every code the person has. */
  async deleteAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(RecoveryCode, { userId });
  }

  /** Deletes every code the person has and inserts these hashes in their place. */
  async replaceAll(manager: EntityManager, userId: string, codeHashes: string[]): Promise<void> {
    await manager.delete(RecoveryCode, { userId });
    await manager.insert(
      RecoveryCode,
      codeHashes.map((codeHash) => ({ userId, codeHash })),
    );
  }
}
