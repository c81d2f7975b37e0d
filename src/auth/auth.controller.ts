import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { AuthService, LinkStatus } from './auth.service';
import { ForgotPasswordForm } from './dto/forgot-password.form';
import { SetPasswordForm } from './dto/set-password.form';
import { SignInForm } from './dto/sign-in.form';
import { authenticateLocal, completeSignIn, endSession, regenerateSession } from './passport-sign-in';
import { TwoFactorService } from './two-factor/two-factor.service';
import { PortalPassport } from './passport.provider';
import { signedInUserIfAny } from '../common/http/route-inputs';

/** Only same-site paths are followed after sign-in, never another host. */
export function safeReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/sign-') ? value : undefined;
}

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passport: PortalPassport,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Public()
  @Get('sign-in')
  signInPage(@Req() request: Request, @Res() response: Response) {
    if (request.user) return response.redirect(303, '/dashboard');
    response.render('auth/sign-in', {});
  }

  @Public()
  @Post('sign-in')
  @FormPage('auth/sign-in')
  async signIn(@Body() _form: SignInForm, @Req() request: Request, @Res() response: Response) {
    const user = await authenticateLocal(this.passport, request, response);
    const returnTo = safeReturnPath(request.session.returnTo);
    const secondStep = await this.twoFactor.secondStepFor(user.id);
    if (secondStep !== 'none') {
      // A new session id for the half-signed-in state too, so a planted id gains nothing.
      await regenerateSession(request);
      // The step due is fixed here, at the password: setting up is never a way round the code.
      request.session.pendingSignIn = { userId: user.id, email: user.email, returnTo, startedAt: Date.now(), failures: 0, due: secondStep };
      return redirectAfterSaving(request, response, secondStep === 'code' ? '/sign-in/two-factor' : '/sign-in/set-up-two-factor');
    }
    await completeSignIn(this.auth, request, response, user, returnTo ?? '/dashboard');
  }

  @Public()
  @Get('sign-out')
  async signOut(@Req() request: Request, @Res() response: Response) {
    const user = signedInUserIfAny(request);
    if (user) {
      await this.auth.recordSignOut(user);
      await endSession(request);
    }
    response.clearCookie('portal.sid').render('auth/signed-out', { signedOut: true });
  }

  @Public()
  @Get('forgot-password')
  @Render('auth/forgot-password')
  forgotPasswordPage() {
    return {};
  }

  @Public()
  @Post('forgot-password')
  @FormPage('auth/forgot-password')
  async forgotPassword(@Body() form: ForgotPasswordForm, @Req() request: Request, @Res() response: Response) {
    await this.auth.requestPasswordReset(form.email, request.ip ?? '');
    response.status(200).render('auth/forgot-password-sent', { email: form.email });
  }

  @Public()
  @Get('reset-password')
  async resetPasswordPage(@Query('token') token: unknown, @Res() response: Response) {
    const status = await this.auth.linkStatus(token, 'reset_password');
    this.renderLinkPage(response, status, 'auth/reset-password', { token });
  }

  @Public()
  @Post('reset-password')
  @FormPage('auth/reset-password', 'tokenModel')
  async resetPassword(@Body() form: SetPasswordForm, @Req() request: Request, @Res() response: Response) {
    const status = await this.auth.resetPassword(form.token, form.password);
    if (status !== 'valid') return this.renderLinkPage(response, status, '', {});
    setFlash(request, { heading: 'Your password has been changed', body: 'Sign in with your new password.' });
    return redirectAfterSaving(request, response, '/sign-in');
  }

  @Public()
  @Get('accept-invitation')
  async acceptInvitationPage(@Query('token') token: unknown, @Res() response: Response) {
    const status = await this.auth.linkStatus(token, 'accept_invitation');
    this.renderLinkPage(response, status, 'auth/accept-invitation', { token });
  }

  @Public()
  @Post('accept-invitation')
  @FormPage('auth/accept-invitation', 'tokenModel')
  async acceptInvitation(@Body() form: SetPasswordForm, @Req() request: Request, @Res() response: Response) {
    const status = await this.auth.acceptInvitation(form.token, form.password);
    if (status !== 'valid') return this.renderLinkPage(response, status, '', {});
    setFlash(request, { heading: 'Your account is ready', body: 'Sign in with your email address and new password.' });
    return redirectAfterSaving(request, response, '/sign-in');
  }

  /** Keeps the (secret) token in the hidden field when a password form is re-rendered. */
  tokenModel(request: Request) {
    return { token: typeof request.body?.token === 'string' ? request.body.token : '' };
  }

  private renderLinkPage(response: Response, status: LinkStatus, view: string, model: object) {
    if (status === 'valid') return response.render(view, model);
    response.status(status === 'invalid' ? 404 : 410).render('auth/link-problem', { status });
  }
}
