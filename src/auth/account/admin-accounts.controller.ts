import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import type { SignedInUser } from '../../common/auth/signed-in-user';
import { redirectAfterSaving, setFlash } from '../../common/http/flash';
import { UsersService } from '../../users/users.service';
import { AccountService } from './account.service';

/** A system administrator's actions on someone's sign-in: each asks for confirmation first. */
@Controller('admin/users/:id')
@Roles('system_admin')
export class AdminAccountsController {
  constructor(
    private readonly account: AccountService,
    private readonly users: UsersService,
  ) {}

  @Get('reset-two-factor')
  async resetTwoFactorPage(@Param('id', RouteIdPipe) id: string, @Res() response: Response) {
    response.render('users/reset-two-factor', { user: await this.users.get(id) });
  }

  @Post('reset-two-factor')
  async resetTwoFactor(@Param('id', RouteIdPipe) id: string, @CurrentUser() admin: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const user = await this.account.resetTwoFactor(admin, id);
    setFlash(request, {
      heading: `Two-factor sign-in reset for ${user.fullName}`,
      body: 'They have been signed out, and will set up an authenticator app again when they next sign in.',
    });
    return redirectAfterSaving(request, response, `/admin/users/${id}`);
  }

  @Get('disable')
  async disablePage(@Param('id', RouteIdPipe) id: string, @CurrentUser() admin: SignedInUser, @Res() response: Response) {
    response.render('users/disable', { user: await this.users.get(id), isSelf: admin.id === id });
  }

  @Post('disable')
  async disable(@Param('id', RouteIdPipe) id: string, @CurrentUser() admin: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const user = await this.account.setDisabled(admin, id, true);
    setFlash(request, { heading: `${user.fullName}’s account is disabled`, body: 'They have been signed out and cannot sign in.' });
    return redirectAfterSaving(request, response, `/admin/users/${id}`);
  }

  @Post('enable')
  async enable(@Param('id', RouteIdPipe) id: string, @CurrentUser() admin: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const user = await this.account.setDisabled(admin, id, false);
    setFlash(request, {
      heading: `${user.fullName}’s account is enabled`,
      body: user.status === 'active' ? 'They can sign in again.' : 'They still need to set a password from their invitation email.',
    });
    return redirectAfterSaving(request, response, `/admin/users/${id}`);
  }
}
