import { Injectable } from '@nestjs/common';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import {
  emailLockoutSeconds,
  ipLockoutSeconds,
  LimitedRequest,
  REQUEST_LIMITS,
  requestWaitMessage,
  THROTTLE_WINDOW_MINUTES,
  waitMessage,
} from './sign-in-throttle.policy';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Counts failed sign-ins, and requests that send an email or make an
 * account, in PostgreSQL, so the limits hold across all app instances.
 */
@Injectable()
export class SignInThrottleService {
  constructor(private readonly throttles: SignInThrottleRepository) {}

  /** Seconds until sign-in is allowed again for this email or IP; 0 when allowed now. */
  async secondsLocked(email: string, ip: string): Promise<number> {
    const locked = await this.throttles.listSecondsLocked([emailKey(email), ipKey(ip)]);
    return locked.reduce((max, seconds) => Math.max(max, seconds), 0);
  }

  /** Refuses the attempt with a 429 form error on `field` while this email (or key) or IP address is locked out. */
  async refuseWhileLocked(email: string, ip: string, field: string): Promise<void> {
    const locked = await this.secondsLocked(email, ip);
    if (locked > 0) throw FormInvalidError.forField(field, waitMessage(locked), { status: 429 });
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.bump(emailKey(email), emailLockoutSeconds);
    await this.bump(ipKey(ip), ipLockoutSeconds);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.throttles.deleteKey(emailKey(email));
  }

  /**
   * Counts a request that sends an email or makes an account (every one,
   * not only failures). Past the IP address's limit it is refused with a 429
   * form error on `field`. Past the limit for the email address it returns
   * false: the caller then sends nothing but answers as usual, and as the
   * count is kept for every address, with an account or not, it tells
   * nobody whether one exists.
   */
  async countRequest(request: LimitedRequest, email: string, ip: string, field = 'email'): Promise<boolean> {
    const limit = REQUEST_LIMITS[request];
    const fromIp = await this.count(`${request}:${ipKey(ip)}`, limit.windowMinutes);
    if (fromIp.count > limit.perIp) throw FormInvalidError.forField(field, requestWaitMessage(fromIp.secondsLeft), { status: 429 });
    const forAddress = await this.count(`${request}:${emailKey(email)}`, limit.windowMinutes);
    return forAddress.count <= limit.perAddress;
  }

  private async bump(key: string, lockout: (failures: number) => number): Promise<void> {
    const { count } = await this.count(key, THROTTLE_WINDOW_MINUTES);
    const seconds = lockout(count);
    if (seconds > 0) {
      await this.throttles.lockFor(key, seconds);
    }
  }

  /** One more under `key` in a window that starts again once it is `windowMinutes` old: the count, and the seconds the window has left. */
  private async count(key: string, windowMinutes: number): Promise<{ count: number; secondsLeft: number }> {
    return this.throttles.countOneMore(key, windowMinutes);
  }
}
