import { Body, Controller, Get, NotFoundException, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AnySignedInUser, Public } from '../../common/auth/access.decorators';
import type { SignedInUser } from '../../common/auth/signed-in-user';
import { FormInvalidError } from '../../common/forms/form-invalid.error';
import { FormPage } from '../../common/forms/form-page.decorator';
import { AuthService } from '../auth.service';
import { RecoveryCodeForm, TwoFactorCodeForm } from '../dto/two-factor.forms';
import { completeSignIn } from '../passport-sign-in';
import { authenticatorSetUpModel } from './authenticator-qr-code';
import { newTotpSecret } from './totp';
import { TwoFactorService } from './two-factor.service';

/** Someone whose password was right, part way through signing in. */
export interface PendingSignIn {
  userId: string;
  email: string;
  returnTo?: string;
  startedAt: number;
  failures: number;
  /** The second step the password step sent them to; the only one they may take. */
  due: 'code' | 'set-up';
  /** The secret being set up, until a code from it is shown. */
  newSecret?: string;
}

declare module 'express-session' {
  interface SessionData {
    pendingSignIn?: PendingSignIn;
    /** Shown once, on the page after they were made. */
    newRecoveryCodes?: string[];
  }
}

/** The second step has to follow the password within this time. */
const PENDING_SIGN_IN_MS = 10 * 60_000;
/** Wrong codes allowed before the password must be given again (which is throttled). */
const MAX_CODE_FAILURES = 5;
const TOO_MANY_FAILURES = 'You entered too many wrong codes. Sign in again with your password.';

function pendingSignIn(request: Request): PendingSignIn | undefined {
  const pending = request.session.pendingSignIn;
  return pending && (pending.due === 'code' || pending.due === 'set-up') && Date.now() - pending.startedAt < PENDING_SIGN_IN_MS ? pending : undefined;
}

const PAGE_FOR_STEP = { code: '/sign-in/two-factor', 'set-up': '/sign-in/set-up-two-factor' } as const;

/** The second step of signing in: an authenticator code, a recovery code, or setting the app up. */
@Controller('sign-in')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @Get('two-factor')
  codePage(@Req() request: Request, @Res() response: Response) {
    this.renderWhilePending(request, response, 'auth/two-factor');
  }

  @Public()
  @Post('two-factor')
  @FormPage('auth/two-factor')
  code(@Body() form: TwoFactorCodeForm, @Req() request: Request, @Res() response: Response) {
    return this.secondStep(
      request,
      response,
      (pending) => this.twoFactor.verifyCode(pending.userId, form.code),
      'The code is not right, or has already been used. Enter the code your app shows now',
    );
  }

  @Public()
  @Get('recovery-code')
  recoveryCodePage(@Req() request: Request, @Res() response: Response) {
    this.renderWhilePending(request, response, 'auth/recovery-code');
  }

  @Public()
  @Post('recovery-code')
  @FormPage('auth/recovery-code')
  recoveryCode(@Body() form: RecoveryCodeForm, @Req() request: Request, @Res() response: Response) {
    return this.secondStep(
      request,
      response,
      (pending) => this.twoFactor.useRecoveryCode(pending.userId, form.code),
      'That recovery code is not right, or has already been used',
    );
  }

  @Public()
  @Get('set-up-two-factor')
  async setUpPage(@Req() request: Request, @Res() response: Response) {
    const pending = pendingSignIn(request);
    if (!pending) return response.redirect(303, '/sign-in');
    if (!(await this.mayNowSetUp(request, pending))) return response.redirect(303, request.session.pendingSignIn ? PAGE_FOR_STEP[pending.due] : '/sign-in');
    response.render('auth/set-up-two-factor', await this.setUpModel(request));
  }

  @Public()
  @Post('set-up-two-factor')
  @FormPage('auth/set-up-two-factor', 'setUpModel')
  async setUp(@Body() form: TwoFactorCodeForm, @Req() request: Request, @Res() response: Response) {
    const pending = pendingSignIn(request);
    if (!pending?.newSecret || !(await this.mayNowSetUp(request, pending))) return response.redirect(303, '/sign-in');
    const codes = await this.twoFactor.enrol(pending.userId, pending.newSecret, form.code);
    if (!codes) this.wrongCode(request, 'The code is not right. Enter the code your app shows now for this account');
    return completeSignIn(this.auth, request, response, await this.auth.signedInUser(pending.userId), '/sign-in/recovery-codes', codes!);
  }

  /** The QR code and the secret as text, made once per attempt and kept in the session until confirmed. */
  async setUpModel(request: Request) {
    const pending = pendingSignIn(request);
    // Also the model of a refused set-up form: no key, and no such page, for anyone not due to set one up.
    if (!pending || !(await this.mayNowSetUp(request, pending))) throw new NotFoundException();
    pending.newSecret ??= newTotpSecret();
    return { ...(await authenticatorSetUpModel(pending.newSecret, pending.email)), formAction: '/sign-in/set-up-two-factor', backLink: '/sign-in' };
  }

  /** After setting up: the recovery codes, once. */
  @AnySignedInUser()
  @Get('recovery-codes')
  recoveryCodesPage(@Req() request: Request, @Res() response: Response, @Query('from') from: unknown) {
    const codes = request.session.newRecoveryCodes;
    if (!codes) return response.redirect(303, '/dashboard');
    delete request.session.newRecoveryCodes;
    response.setHeader('Cache-Control', 'no-store');
    response.render('auth/recovery-codes', { codes, continueTo: from === 'account' ? '/account' : '/dashboard' });
  }

  /**
   * Setting up is only for someone the password step sent to it, whose
   * account still has no authenticator; otherwise the half-finished sign-in ends.
   */
  private async mayNowSetUp(request: Request, pending: PendingSignIn): Promise<boolean> {
    if (pending.due !== 'set-up') return false;
    if (await this.twoFactor.maySetUpAtSignIn(pending.userId)) return true;
    delete request.session.pendingSignIn;
    return false;
  }

  private renderWhilePending(request: Request, response: Response, view: string) {
    const pending = pendingSignIn(request);
    if (!pending) return response.redirect(303, '/sign-in');
    if (pending.due !== 'code') return response.redirect(303, PAGE_FOR_STEP[pending.due]);
    response.render(view, {});
  }

  /** A code or recovery code, throttled, that completes the sign-in when right. */
  private async secondStep(request: Request, response: Response, attempt: (pending: PendingSignIn) => Promise<SignedInUser | null>, wrongMessage: string) {
    const pending = pendingSignIn(request);
    if (!pending) return response.redirect(303, '/sign-in');
    if (pending.due !== 'code') return response.redirect(303, PAGE_FOR_STEP[pending.due]);
    const user = await this.twoFactor.throttled(pending.email, request.ip ?? '', () => attempt(pending));
    if (!user) this.wrongCode(request, wrongMessage);
    return completeSignIn(this.auth, request, response, user!, pending.returnTo ?? '/dashboard');
  }

  private wrongCode(request: Request, message: string): never {
    const pending = request.session.pendingSignIn!;
    pending.failures += 1;
    if (pending.failures >= MAX_CODE_FAILURES) {
      delete request.session.pendingSignIn;
      throw FormInvalidError.forField('code', TOO_MANY_FAILURES, { status: 429 });
    }
    throw FormInvalidError.forField('code', message);
  }
}
