import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { Public } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { RegisterProviderForm } from './dto/register-provider.form';
import { ProvidersService } from './providers.service';

@Controller('register')
@Public()
export class RegistrationController {
  constructor(
    private readonly providers: ProvidersService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @Render('providers/register')
  registerPage() {
    return {};
  }

  @Post()
  @FormPage('providers/register')
  async register(@Body() form: RegisterProviderForm, @Req() request: Request, @Res() response: Response) {
    await this.providers.register(form, request.ip ?? '');
    response.status(200).render('providers/register-check-email', { email: form.email });
  }

  @Get('confirm')
  async confirm(@Query('token') token: unknown, @Req() request: Request, @Res() response: Response) {
    const status = await this.auth.confirmRegistration(token);
    if (status !== 'valid') return response.status(status === 'invalid' ? 404 : 410).render('auth/link-problem', { status, registration: true });
    setFlash(request, { heading: 'Your email address is confirmed', body: 'Sign in to start using the portal.' });
    return redirectAfterSaving(request, response, '/sign-in');
  }
}
