import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { SetUpForm } from './dto/set-up.form';
import { FirstRunService } from './first-run.service';

/** The page behind the one-time link a new deployment prints: there is no one to sign in as yet. */
@Controller('setup')
export class SetupController {
  constructor(private readonly firstRun: FirstRunService) {}

  @Public()
  @Get()
  @Render('setup/set-up')
  async page(@Query('token') token: unknown) {
    await this.firstRun.assertUsable(token);
    return { setUpToken: token };
  }

  /** A refused form keeps its token here: the shared error path never echoes secret fields as values. */
  async pageModel(request: Request) {
    const token = (request.body as Record<string, unknown>)?.token;
    await this.firstRun.assertUsable(token);
    return { setUpToken: token };
  }

  @Public()
  @Post()
  @FormPage('setup/set-up', 'pageModel')
  async setUp(@Body() form: SetUpForm, @Req() request: Request, @Res() response: Response) {
    await this.firstRun.setUp(form.token, form);
    setFlash(request, {
      heading: 'The portal is set up',
      body: 'Sign in with the email address and password you chose. You will set up an authenticator app first.',
    });
    return redirectAfterSaving(request, response, '/sign-in');
  }
}
