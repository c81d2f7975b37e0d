import { Clock } from '../common/clock/clock';
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TokenPurpose, UserToken } from './user-token.entity';
import { UserTokenRepository } from './user-token.repository';

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
  constructor(
    private readonly clock: Clock,
    private readonly tokens: UserTokenRepository,
  ) {}

  async issue(manager: EntityManager, userId: string, purpose: TokenPurpose): Promise<string> {
    // A new link replaces any earlier unused one for the same purpose.
    await this.tokens.markUnusedUsed(manager, userId, purpose, this.clock.now());
    const raw = randomBytes(32).toString('base64url');
    await this.tokens.insertToken(manager, {
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
    const user = await this.tokens.issueForActiveEmail(manager, email, purpose, hashToken(raw), TOKEN_LIFETIMES_MINUTES[purpose]);
    return { user, token: raw };
  }

  /** Looks a token up, locking its row so two tabs cannot both use it. */
  async check(manager: EntityManager, raw: unknown, purpose: TokenPurpose, options: { lock: boolean }): Promise<TokenCheck> {
    if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(raw)) return { status: 'invalid' };
    const token = await this.tokens.findByHash(manager, hashToken(raw), purpose, options);
    if (!token) return { status: 'invalid' };
    if (token.usedAt) return { status: 'used' };
    if (token.expiresAt.getTime() <= this.clock.now().getTime()) return { status: 'expired' };
    return { status: 'valid', token };
  }

  async markUsed(manager: EntityManager, token: UserToken): Promise<void> {
    await this.tokens.markUsed(manager, token.id, this.clock.now());
  }
}
