import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { pence } from '../common/forms/number-fields';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDateTime, formatPence } from '../common/views/format';
import { UserChoiceAwardForm } from './dto/contract-forms';
import { UserChoiceService } from './user-choice.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

/** Issue 22: the commissioner awards a draft requirement directly to the provider the family chose. */
@Controller('user-choice')
@Roles('commissioner')
export class UserChoiceController {
  constructor(private readonly userChoice: UserChoiceService) {}

  @Get(':requirementId')
  @Render('awards/user-choice')
  show(@Req() request: Request) {
    return this.formModel(request);
  }

  async formModel(request: Request) {
    const view = await this.userChoice.form(signedInUser(request), routeId(request, 'requirementId'));
    const { choice, award } = view;
    return {
      ...view,
      choiceRows: choice
        ? [
            { key: { text: 'Provider' }, value: { text: choice.provider!.name } },
            { key: { text: 'The family’s preference' }, value: { text: choice.preference } },
            { key: { text: 'How it serves the child' }, value: { text: choice.reasons } },
            { key: { text: 'Agreed value without VAT' }, value: { text: formatPence(choice.valuePence) } },
            { key: { text: 'Legal ground' }, value: { text: choice.legalGround } },
            { key: { text: 'Recorded' }, value: { text: formatDateTime(choice.createdAt) } },
            {
              key: { text: 'Status' },
              value: {
                text:
                  award!.status === 'awaiting_notice'
                    ? 'Waiting for its notices to be published before the contract is entered into'
                    : 'Final: the contract has been created',
              },
            },
          ]
        : [],
      providerItems: [{ value: '', text: 'Select a provider' }, ...view.providers.map((provider) => ({ value: provider.id, text: provider.name }))],
    };
  }

  @Post(':requirementId')
  @FormPage('awards/user-choice', 'formModel')
  async award(
    @Param('requirementId', RouteIdPipe) requirementId: string,
    @Body() form: UserChoiceAwardForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.userChoice.award(user, requirementId, {
      providerId: form.providerId,
      preference: form.preference,
      reasons: form.reasons,
      valuePence: pence(form.value)!,
    });
    setFlash(request, { heading: 'Direct award recorded', body: 'Publish the transparency notice before the contract is entered into.' });
    return redirectAfterSaving(request, response, `/requirements/${requirementId}`);
  }
}
