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
  async issue(manager: EntityManager, userId: string, purpose: TokenPurpose): Promise<string> {
    // A new link replaces any earlier unused one for the same purpose.
    await manager.update(UserToken, { userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
    const raw = randomBytes(32).toString('base64url');
    await manager.insert(UserToken, {
      userId,
      purpose,
      tokenHash: hashToken(raw),
      expiresAt: new Date(Date.now() + TOKEN_LIFETIMES_MINUTES[purpose] * 60_000),
    });
    return raw;
  }

  /** Looks a token up, locking its row so two tabs cannot both use it. */
  async check(manager: EntityManager, raw: unknown, purpose: TokenPurpose, options: { lock: boolean }): Promise<TokenCheck> {
    if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(raw)) return { status: 'invalid' };
    const query = manager.createQueryBuilder(UserToken, 't').where('t.tokenHash = :hash AND t.purpose = :purpose', { hash: hashToken(raw), purpose });
    if (options.lock) query.setLock('pessimistic_write');
    const token = await query.getOne();
    if (!token) return { status: 'invalid' };
    if (token.usedAt) return { status: 'used' };
    if (token.expiresAt.getTime() <= Date.now()) return { status: 'expired' };
    return { status: 'valid', token };
  }

  async markUsed(manager: EntityManager, token: UserToken): Promise<void> {
    await manager.update(UserToken, token.id, { usedAt: new Date() });
  }
}
