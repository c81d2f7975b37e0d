import { Body, Controller, ForbiddenException, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AnySignedInUser, CurrentUser } from '../../common/auth/access.decorators';
import type { SignedInUser } from '../../common/auth/signed-in-user';
import { FormInvalidError } from '../../common/forms/form-invalid.error';
import { FormPage } from '../../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../../common/http/flash';
import { ChangePasswordForm, ConfirmPasswordForm } from '../dto/account.forms';
import { TwoFactorCodeForm } from '../dto/two-factor.forms';
import { authenticatorSetUpModel } from '../two-factor/authenticator-qr-code';
import { newTotpSecret } from '../two-factor/totp';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { AccountService } from './account.service';
import { accountSummary } from './account-view';
import { signedInUser } from '../../common/http/route-inputs';

declare module 'express-session' {
  interface SessionData {
    /** When the password was last re-entered for a sensitive change. */
    reauthenticatedAt?: number;
    /** A new authenticator secret being set up from the account page, until a code from it is shown. */
    accountNewSecret?: string;
  }
}

/** A re-entered password unlocks two-factor changes for this long. */
const REAUTHENTICATION_MS = 5 * 60_000;

/** The pages re-authentication can lead on to. */
const AFTER_CONFIRMING = ['/account/two-factor', '/account/recovery-codes', '/account/two-factor/turn-off'];

function confirmedNext(value: unknown): string {
  return AFTER_CONFIRMING.find((path) => path === value) ?? '/account';
}

/** Each person's own sign-in details. Changing them needs the password again. */
@Controller('account')
@AnySignedInUser()
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Get()
  async overview(@CurrentUser() user: SignedInUser, @Res() response: Response) {
    response.render('account/index', accountSummary(await this.account.overview(user.id)));
  }

  @Get('password')
  passwordPage(@Res() response: Response) {
    response.render('account/password', {});
  }

  @Post('password')
  @FormPage('account/password')
  async changePassword(@Body() form: ChangePasswordForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.account.changePassword(user, form.currentPassword, form.newPassword, request.ip ?? '', request.sessionID);
    setFlash(request, { heading: 'Your password has been changed', body: 'You have been signed out on any other devices.' });
    return redirectAfterSaving(request, response, '/account');
  }

  @Get('confirm-password')
  confirmPasswordPage(@Query('next') next: unknown, @Res() response: Response) {
    response.render('account/confirm-password', { next: confirmedNext(next) });
  }

  confirmPasswordModel(request: Request) {
    return { next: confirmedNext(request.body?.next) };
  }

  @Post('confirm-password')
  @FormPage('account/confirm-password', 'confirmPasswordModel')
  async confirmPassword(@Body() form: ConfirmPasswordForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.account.confirmPassword(user, form.password, request.ip ?? '');
    request.session.reauthenticatedAt = Date.now();
    return redirectAfterSaving(request, response, confirmedNext(request.body?.next));
  }

  @Get('two-factor')
  async twoFactorPage(@Req() request: Request, @Res() response: Response) {
    if (!this.recentlyConfirmed(request)) return this.askForPassword(request, response, '/account/two-factor');
    response.render('auth/set-up-two-factor', await this.twoFactorModel(request));
  }

  async twoFactorModel(request: Request) {
    const user = signedInUser(request);
    const { twoFactorOn } = await this.account.overview(user.id);
    request.session.accountNewSecret ??= newTotpSecret();
    return {
      ...(await authenticatorSetUpModel(request.session.accountNewSecret, user.email)),
      formAction: '/account/two-factor',
      backLink: '/account',
      changing: twoFactorOn,
      optional: true,
    };
  }

  @Post('two-factor')
  @FormPage('auth/set-up-two-factor', 'twoFactorModel')
  async setUpTwoFactor(@Body() form: TwoFactorCodeForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const secret = request.session.accountNewSecret;
    if (!this.recentlyConfirmed(request) || !secret) return this.askForPassword(request, response, '/account/two-factor');
    const codes = await this.twoFactor.throttled(user.email, request.ip ?? '', () => this.twoFactor.enable(user.id, secret, form.code));
    if (!codes) throw FormInvalidError.forField('code', 'The code is not right. Enter the code your app shows now for this account');
    delete request.session.accountNewSecret;
    request.session.newRecoveryCodes = codes;
    return redirectAfterSaving(request, response, '/sign-in/recovery-codes?from=account');
  }

  @Get('recovery-codes')
  recoveryCodesPage(@Req() request: Request, @Res() response: Response) {
    if (!this.recentlyConfirmed(request)) return this.askForPassword(request, response, '/account/recovery-codes');
    response.render('account/recovery-codes', {});
  }

  @Post('recovery-codes')
  async replaceRecoveryCodes(@CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    if (!this.recentlyConfirmed(request)) return this.askForPassword(request, response, '/account/recovery-codes');
    request.session.newRecoveryCodes = await this.account.replaceRecoveryCodes(user);
    return redirectAfterSaving(request, response, '/sign-in/recovery-codes?from=account');
  }

  @Get('two-factor/turn-off')
  async turnOffPage(@CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const { twoFactorOn, twoFactorRequired } = await this.account.overview(user.id);
    if (twoFactorRequired) throw new ForbiddenException();
    if (!twoFactorOn) return response.redirect(303, '/account');
    if (!this.recentlyConfirmed(request)) return this.askForPassword(request, response, '/account/two-factor/turn-off');
    response.render('account/turn-off-two-factor', {});
  }

  @Post('two-factor/turn-off')
  async turnOff(@CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    if (!this.recentlyConfirmed(request)) return this.askForPassword(request, response, '/account/two-factor/turn-off');
    await this.account.turnOffTwoFactor(user);
    setFlash(request, { heading: 'Two-factor sign-in is off', body: 'You will sign in with your password only.' });
    return redirectAfterSaving(request, response, '/account');
  }

  private recentlyConfirmed(request: Request): boolean {
    const at = request.session.reauthenticatedAt;
    return !!at && Date.now() - at < REAUTHENTICATION_MS;
  }

  private askForPassword(request: Request, response: Response, next: string) {
    return redirectAfterSaving(request, response, `/account/confirm-password?next=${encodeURIComponent(next)}`);
  }
}
