import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { EmailSettingsForm } from './dto/email-settings.form';
import { EmailSettingsService } from './email-settings.service';

@Controller('admin/email-settings')
@Roles('system_admin')
export class EmailSettingsController {
  constructor(private readonly settings: EmailSettingsService) {}

  @Get()
  @Render('email-settings/index')
  async index() {
    return { values: await this.settings.current() };
  }

  @Post()
  @FormPage('email-settings/index')
  async update(@Body() form: EmailSettingsForm, @Req() request: Request, @Res() response: Response) {
    await this.settings.update({ mailFrom: form.mailFrom.trim(), feedbackEmail: form.feedbackEmail.trim() });
    setFlash(request, { heading: 'The email settings have been saved', body: 'Emails sent from now on use the new sender.' });
    return redirectAfterSaving(request, response, '/admin/email-settings');
  }
}
