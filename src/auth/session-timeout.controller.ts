import { Controller, Get, HttpCode, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AnySignedInUser, Public } from '../common/auth/access.decorators';
import { AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';
import { endSession } from './passport-sign-in';
import { signedInUserIfAny } from '../common/http/route-inputs';

/** The GOV.UK timeout warning's two ends: keeping a session alive, and the page after an idle sign-out. */
@Controller('session')
export class SessionTimeoutController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Any signed-in request renews the rolling session cookie; this one does nothing else. */
  @AnySignedInUser()
  @Get('keep-alive')
  @HttpCode(204)
  keepAlive(@Res({ passthrough: true }) response: Response): void {
    response.setHeader('Cache-Control', 'no-store');
  }

  @Public()
  @Get('timed-out')
  async timedOut(@Req() request: Request, @Res() response: Response) {
    const user = signedInUserIfAny(request);
    if (user) {
      await this.auth.recordSignOut(user);
      await endSession(request);
    }
    response.clearCookie('portal.sid').render('auth/timed-out', { idleMinutes: this.config.sessionIdleMinutes });
  }
}
