import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { InviteColleagueForm } from './dto/invite-colleague.form';
import { ProvidersService } from './providers.service';
import { signedInUser } from '../common/http/route-inputs';

@Controller('provider/colleagues')
@Roles('provider_user')
export class ColleaguesController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @Render('providers/colleagues')
  async colleaguesPage(@CurrentUser() user: SignedInUser) {
    return this.colleaguesModel({ user } as unknown as Request);
  }

  async colleaguesModel(request: Request) {
    const user = signedInUser(request);
    const [organisation, colleagues] = await Promise.all([this.providers.getOrganisation(user.providerId), this.providers.listColleagues(user.providerId!)]);
    const statusText = { pending: 'Invited', active: 'Active', disabled: 'Disabled' } as const;
    const colleagueRows = colleagues.map((colleague) => [
      { text: `${colleague.fullName}${colleague.isProviderAdmin ? ' (administrator)' : ''}` },
      { text: colleague.email },
      { text: statusText[colleague.status] },
    ]);
    return { organisation, colleagueRows, canInvite: user.isProviderAdmin };
  }

  @Post()
  @FormPage('providers/colleagues', 'colleaguesModel')
  async invite(@Body() form: InviteColleagueForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.providers.inviteColleague(user, form, request.ip ?? '');
    // The same answer whether or not the address already has an account.
    setFlash(request, { heading: `We have sent an invitation to ${form.email}`, body: `${form.fullName} can now set a password and sign in.` });
    return redirectAfterSaving(request, response, '/provider/colleagues');
  }
}
