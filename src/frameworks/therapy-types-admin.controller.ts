import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { TherapyTypeForm } from './dto/therapy-type.form';
import { TherapyType } from './therapy-type.entity';
import { TherapyTypesAdminService, TherapyTypeValues } from './therapy-types-admin.service';
import { routeId } from '../common/http/route-inputs';

const yesNo = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
const formItems = {
  yesNoItems: yesNo,
  fundingKindItems: [
    { value: 'therapy', text: 'Therapy' },
    { value: 'assessment', text: 'Assessment' },
  ],
};

const valuesOf = (form: TherapyTypeForm): TherapyTypeValues => ({
  name: form.name.trim(),
  description: (form.description ?? '').trim(),
  asgsfEligible: form.asgsfEligible === 'yes',
  fundingKind: form.fundingKind,
  lightTouch: form.lightTouch === 'yes',
  cpvCode: form.cpvCode.trim(),
});

const formValuesOf = (therapyType: TherapyType) => ({
  name: therapyType.name,
  description: therapyType.description,
  asgsfEligible: therapyType.asgsfEligible ? 'yes' : 'no',
  fundingKind: therapyType.fundingKind,
  lightTouch: therapyType.lightTouch ? 'yes' : 'no',
  cpvCode: therapyType.cpvCode,
});

/** Therapy types, the lots frameworks offer, for the system admin. */
@Controller('admin/therapy-types')
@Roles('system_admin')
export class TherapyTypesAdminController {
  constructor(private readonly therapyTypes: TherapyTypesAdminService) {}

  @Get()
  @Render('therapy-types/index')
  async index() {
    const therapyTypes = await this.therapyTypes.list();
    return {
      therapyTypes: therapyTypes.map((therapyType) => ({
        ...therapyType,
        status: therapyType.active ? { text: 'Active', classes: 'govuk-tag--green' } : { text: 'Deactivated', classes: 'govuk-tag--grey' },
      })),
    };
  }

  @Get('new')
  @Render('therapy-types/form')
  newPage() {
    return this.newModel();
  }

  newModel() {
    return { ...formItems, title: 'Add a therapy type', action: '/admin/therapy-types/new', button: 'Add therapy type' };
  }

  @Post('new')
  @FormPage('therapy-types/form', 'newModel')
  async create(@Body() form: TherapyTypeForm, @Req() request: Request, @Res() response: Response) {
    const therapyType = await this.therapyTypes.create(valuesOf(form));
    setFlash(request, { heading: `${therapyType.name} has been added`, body: 'Framework managers can now offer it as a lot.' });
    return redirectAfterSaving(request, response, '/admin/therapy-types');
  }

  @Get(':id')
  @Render('therapy-types/form')
  async editPage(@Param('id', RouteIdPipe) id: string) {
    const therapyType = await this.therapyTypes.get(id);
    return { ...(await this.editModelFor(id)), values: formValuesOf(therapyType) };
  }

  editModel(request: Request) {
    return this.editModelFor(routeId(request));
  }

  private async editModelFor(id: string) {
    const therapyType = await this.therapyTypes.get(id);
    return { ...formItems, therapyType, title: `Change ${therapyType.name}`, action: `/admin/therapy-types/${id}`, button: 'Save changes' };
  }

  @Post(':id')
  @FormPage('therapy-types/form', 'editModel')
  async update(@Param('id', RouteIdPipe) id: string, @Body() form: TherapyTypeForm, @Req() request: Request, @Res() response: Response) {
    const therapyType = await this.therapyTypes.update(id, valuesOf(form));
    setFlash(request, { heading: `${therapyType.name} has been changed` });
    return redirectAfterSaving(request, response, '/admin/therapy-types');
  }

  @Post(':id/deactivate')
  async deactivate(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const therapyType = await this.therapyTypes.setActive(id, false);
    setFlash(request, { heading: `${therapyType.name} has been deactivated`, body: 'Existing lots and contracts keep it; new frameworks cannot offer it.' });
    return redirectAfterSaving(request, response, '/admin/therapy-types');
  }

  @Post(':id/reactivate')
  async reactivate(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const therapyType = await this.therapyTypes.setActive(id, true);
    setFlash(request, { heading: `${therapyType.name} has been reactivated` });
    return redirectAfterSaving(request, response, '/admin/therapy-types');
  }
}
