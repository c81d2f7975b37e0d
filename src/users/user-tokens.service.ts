import { Clock } from '../common/clock/clock';
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { TokenPurpose, UserToken } from './user-token.entity';

export const TOKEN_LIFETIMES_MINUTES: Record<TokenPurpose, number> = {
  confirm_registration: 24 * 60,
  reset_password: 60,
  accept_invitation: 7 * 24 * 60,
};

export type TokenCheck = { status: 'valid'; token: UserToken } | { status: 'invalid' | 'expired' | 'used' };

export function hashToken(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/** Single-use, expiring tokens for emailed links. The raw token exists only in the email. */
@Injectable()
export class UserTokensService {
  constructor(private readonly clock: Clock) {}

  async issue(manager: EntityManager, userId: string, purpose: TokenPurpose): Promise<string> {
    // A new link replaces any earlier unused one for the same purpose.
    await manager.update(UserToken, { userId, purpose, usedAt: IsNull() }, { usedAt: this.clock.now() });
    const raw = randomBytes(32).toString('base64url');
    await manager.insert(UserToken, {
      userId,
      purpose,
      tokenHash: hashToken(raw),
      expiresAt: new Date(this.clock.now().getTime() + TOKEN_LIFETIMES_MINUTES[purpose] * 60_000),
    });
    return raw;
  }

  /**
   * Looks up the active account with `email` and issues it a link, replacing
   * any earlier unused one, in one statement that does the same work whether
   * or not the account exists: forgot-password's answer, and its timing,
   * must not tell accounts apart. The token is made either way.
   */
  async issueForActiveEmail(
    manager: EntityManager,
    email: string,
    purpose: TokenPurpose,
  ): Promise<{ user: { id: string; email: string; fullName: string } | null; token: string }> {
    const raw = randomBytes(32).toString('base64url');
    const rows: Array<{ id: string; email: string; fullName: string }> = await manager.query(
      `WITH account AS (SELECT id, email, full_name FROM users WHERE email = $1 AND status = 'active'),
            replaced AS (UPDATE user_tokens SET used_at = now() WHERE user_id IN (SELECT id FROM account) AND purpose = $2 AND used_at IS NULL),
            issued AS (INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at) SELECT id, $2, $3, now() + make_interval(mins => $4) FROM account)
       SELECT id, email, full_name AS "fullName" FROM account`,
      [email, purpose, hashToken(raw), TOKEN_LIFETIMES_MINUTES[purpose]],
    );
    return { user: rows[0] ?? null, token: raw };
  }

  /** Looks a token up, locking its row so two tabs cannot both use it. */
  async check(manager: EntityManager, raw: unknown, purpose: TokenPurpose, options: { lock: boolean }): Promise<TokenCheck> {
    if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(raw)) return { status: 'invalid' };
    const query = manager.createQueryBuilder(UserToken, 't').where('t.tokenHash = :hash AND t.purpose = :purpose', { hash: hashToken(raw), purpose });
    if (options.lock) query.setLock('pessimistic_write');
    const token = await query.getOne();
    if (!token) return { status: 'invalid' };
    if (token.usedAt) return { status: 'used' };
    if (token.expiresAt.getTime() <= this.clock.now().getTime()) return { status: 'expired' };
    return { status: 'valid', token };
  }

  async markUsed(manager: EntityManager, token: UserToken): Promise<void> {
    await manager.update(UserToken, token.id, { usedAt: this.clock.now() });
  }
}
