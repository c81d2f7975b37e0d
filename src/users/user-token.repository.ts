import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { TokenPurpose, UserToken } from './user-token.entity';

/** A new emailed-link token, stored by its hash. */
export type NewUserToken = Pick<UserToken, 'userId' | 'purpose' | 'tokenHash' | 'expiresAt'>;

/** The active account a forgot-password link was issued to. */
export interface TokenAccount {
  id: string;
  email: string;
  fullName: string;
}

/** The user_tokens table: the only place with its SQL. */
@Injectable()
export class UserTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Marks the user's unused tokens for the purpose used, so a new link replaces them. */
  async markUnusedUsed(manager: EntityManager, userId: string, purpose: TokenPurpose, usedAt: Date): Promise<void> {
    await manager.update(UserToken, { userId, purpose, usedAt: IsNull() }, { usedAt });
  }

  async insertToken(manager: EntityManager, values: NewUserToken): Promise<void> {
    await manager.insert(UserToken, values);
  }

  /**
   * Looks up the active account with `email` and issues it the token, replacing
   * any earlier unused one, in one statement that does the same work whether
   * or not the account exists.
   */
  async issueForActiveEmail(
    manager: EntityManager,
    email: string,
    purpose: TokenPurpose,
    tokenHash: string,
    lifetimeMinutes: number,
  ): Promise<TokenAccount | null> {
    const rows: TokenAccount[] = await manager.query(
      `WITH account AS (SELECT id, email, full_name FROM users WHERE email = $1 AND status = 'active'),
            replaced AS (UPDATE user_tokens SET used_at = now() WHERE user_id IN (SELECT id FROM account) AND purpose = $2 AND used_at IS NULL),
            issued AS (INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at) SELECT id, $2, $3, now() + make_interval(mins => $4) FROM account)
       SELECT id, email, full_name AS "fullName" FROM account`,
      [email, purpose, tokenHash, lifetimeMinutes],
    );
    return rows[0] ?? null;
  }

  /** The token with this hash and purpose, its row locked until the transaction ends when asked. */
  findByHash(manager: EntityManager, tokenHash: string, purpose: TokenPurpose, options: { lock: boolean }): Promise<UserToken | null> {
    const query = manager.createQueryBuilder(UserToken, 't').where('t.tokenHash = :hash AND t.purpose = :purpose', { hash: tokenHash, purpose });
    if (options.lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async markUsed(manager: EntityManager, id: string, usedAt: Date): Promise<void> {
    await manager.update(UserToken, id, { usedAt });
  }
}
