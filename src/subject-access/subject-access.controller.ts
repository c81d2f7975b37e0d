import { Body, Controller, Get, HttpCode, Post, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IsNotEmpty, MaxLength } from 'class-validator';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { FormPage } from '../common/forms/form-page.decorator';
import { SubjectAccessService } from './subject-access.service';

export class SubjectAccessForm {
  @IsNotEmpty({ message: 'Enter the child’s case reference' })
  @MaxLength(100, { message: 'Case reference must be 100 characters or fewer' })
  childReference: string;
}

@Controller('subject-access')
@Roles('commissioner')
export class SubjectAccessController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Get()
  @Render('subject-access/index')
  page() {
    return this.formModel();
  }

  formModel() {
    return {};
  }

  /** The file itself: a download, so the records never sit in a page's history. */
  @Post()
  @HttpCode(200)
  @FormPage('subject-access/index', 'formModel')
  async download(@Body() form: SubjectAccessForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const file = await this.subjectAccess.export(user, form.childReference);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="subject-access-${londonDate(new Date())}.json"`);
    response.send(JSON.stringify(file, null, 2));
  }
}
