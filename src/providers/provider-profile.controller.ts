import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { areaCheckboxGroups } from '../agencies/area-checkbox-groups';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { toDateParts } from '../common/forms/date-parts';
import { asArray } from '../common/forms/form-transforms';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatIsoDate } from '../common/views/format';
import { OrganisationDetailsForm } from './dto/organisation-details.form';
import { PractitionerForm } from './dto/practitioner.form';
import { REGISTRATION_BODIES } from './practitioner.entity';
import { ProviderProfileService } from './provider-profile.service';
import { optionalRouteId, signedInUser } from '../common/http/route-inputs';

@Controller('provider')
@Roles('provider_user')
export class ProviderProfileController {
  constructor(private readonly profile: ProviderProfileService) {}

  @Get('organisation')
  @Render('providers/organisation')
  async organisation(@CurrentUser() user: SignedInUser) {
    const { organisation, areas } = await this.profile.organisation(user);
    return { organisation, areaNames: areas.map((area) => `${area.name} (${(area as unknown as { agency: { name: string } }).agency.name})`).join(', ') };
  }

  @Get('organisation/edit')
  @Render('providers/organisation-form')
  organisationFormPage(@Req() request: Request) {
    return this.organisationFormModel(request);
  }

  @Post('organisation/edit')
  @FormPage('providers/organisation-form', 'organisationFormModel')
  async saveOrganisation(@Body() form: OrganisationDetailsForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.profile.saveOrganisation(user, form);
    setFlash(request, { heading: 'Organisation details saved' });
    return redirectAfterSaving(request, response, '/provider/organisation');
  }

  async organisationFormModel(request: Request) {
    const user = signedInUser(request);
    const { organisation, areas } = await this.profile.organisation(user);
    const all = await this.profile.offeredAreas(areas.map((area) => area.id));
    const values = request.method === 'POST' ? request.body : { ...organisation, areaIds: areas.map((area) => area.id) };
    const selected = asArray(values.areaIds);
    return {
      formValues: values,
      areaGroups: areaCheckboxGroups(all.agencies, all.areas),
      selectedAreaIds: selected,
    };
  }

  @Get('practitioners')
  @Render('providers/practitioners')
  async practitioners(@CurrentUser() user: SignedInUser) {
    const [practitioners, therapyTypes] = await Promise.all([this.profile.practitioners(user), this.profile.therapyTypes()]);
    const names = new Map(therapyTypes.map((type) => [type.id, type.name]));
    return {
      practitioners: practitioners.map((practitioner) => ({
        ...practitioner,
        bodyText: practitioner.registrationBody === 'other' ? practitioner.registrationBodyOther : practitioner.registrationBody,
        expiresText: formatIsoDate(practitioner.registrationExpiresOn),
        dbsText: formatIsoDate(practitioner.dbsIssuedOn),
        therapiesText: practitioner.therapyTypeIds
          .map((id) => names.get(id))
          .filter(Boolean)
          .join(', '),
      })),
    };
  }

  @Get('practitioners/new')
  @Render('providers/practitioner-form')
  newPractitionerPage(@Req() request: Request) {
    return this.practitionerFormModel(request);
  }

  @Post('practitioners/new')
  @FormPage('providers/practitioner-form', 'practitionerFormModel')
  async addPractitioner(@Body() form: PractitionerForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const practitioner = await this.profile.addPractitioner(user, form);
    setFlash(request, { heading: `${practitioner.fullName} has been added` });
    return redirectAfterSaving(request, response, '/provider/practitioners');
  }

  @Get('practitioners/:id/edit')
  @Render('providers/practitioner-form')
  async editPractitionerPage(@Param('id', RouteIdPipe) _id: string, @Req() request: Request) {
    return this.practitionerFormModel(request);
  }

  @Post('practitioners/:id/edit')
  @FormPage('providers/practitioner-form', 'practitionerFormModel')
  async updatePractitioner(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: PractitionerForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const practitioner = await this.profile.updatePractitioner(user, id, form);
    setFlash(request, { heading: `${practitioner.fullName}’s details have been saved` });
    return redirectAfterSaving(request, response, '/provider/practitioners');
  }

  async practitionerFormModel(request: Request) {
    const user = signedInUser(request);
    const id = optionalRouteId(request);
    let values: Record<string, unknown> = request.method === 'POST' ? request.body : {};
    if (id && request.method !== 'POST') {
      const practitioner = await this.profile.practitioner(user, id);
      values = { ...practitioner, registrationExpiresOn: toDateParts(practitioner.registrationExpiresOn), dbsIssuedOn: toDateParts(practitioner.dbsIssuedOn) };
    } else if (id) {
      await this.profile.practitioner(user, id);
    }
    const therapyTypes = await this.profile.therapyTypes();
    return {
      isEdit: !!id,
      action: id ? `/provider/practitioners/${id}/edit` : '/provider/practitioners/new',
      formValues: values,
      bodyItems: REGISTRATION_BODIES.map((body) => ({ value: body, text: body === 'other' ? 'Another body' : body })),
      therapyItems: therapyTypes.map((type) => ({ value: type.id, text: type.name })),
      selectedTherapies: asArray(values.therapyTypeIds),
    };
  }
}
