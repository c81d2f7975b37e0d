import { Body, Controller, Get, HttpCode, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { districtRows } from './district-names';
import { AgencyForm, AgencyNameForm, DistrictsForm, PartnershipNameForm } from './dto/name.form';
import { PartnershipsAdminService } from './partnerships-admin.service';
import { routeId } from '../common/http/route-inputs';

const statusTag = (active: boolean) => (active ? { text: 'Active', classes: 'govuk-tag--green' } : { text: 'Deactivated', classes: 'govuk-tag--grey' });

/** Partnerships, their agencies and districts, for the system admin. */
@Controller('admin')
@Roles('system_admin')
export class PartnershipsAdminController {
  constructor(private readonly admin: PartnershipsAdminService) {}

  @Get('partnerships')
  @Render('partnerships/index')
  async index() {
    const partnerships = await this.admin.list();
    return { partnerships: partnerships.map((partnership) => ({ ...partnership, status: statusTag(partnership.active) })) };
  }

  @Get('partnerships/new')
  @Render('partnerships/name')
  newPartnership() {
    return this.newPartnershipModel();
  }

  newPartnershipModel() {
    return { title: 'Add a partnership', action: '/admin/partnerships/new', back: '/admin/partnerships', button: 'Add partnership' };
  }

  @Post('partnerships/new')
  @FormPage('partnerships/name', 'newPartnershipModel')
  async createPartnership(@Body() form: PartnershipNameForm, @Req() request: Request, @Res() response: Response) {
    const partnership = await this.admin.createPartnership(form.name);
    setFlash(request, { heading: `${partnership.name} has been added`, body: 'Add its agencies and their districts, then its staff on the Users page.' });
    return redirectAfterSaving(request, response, `/admin/partnerships/${partnership.id}`);
  }

  @Get('partnerships/:id')
  @Render('partnerships/show')
  async show(@Param('id', RouteIdPipe) id: string) {
    const { partnership, agencies } = await this.admin.get(id);
    return {
      partnership,
      status: statusTag(partnership.active),
      agencies: agencies.map(({ agency, districts }) => ({
        ...agency,
        status: statusTag(agency.active),
        districts: districts
          .filter((district) => district.active)
          .map((district) => district.name)
          .join(', '),
      })),
    };
  }

  @Get('partnerships/:id/name')
  @Render('partnerships/name')
  async renamePartnershipPage(@Param('id', RouteIdPipe) id: string) {
    const { partnership } = await this.admin.get(id);
    return { ...this.renamePartnershipModelFor(id), values: { name: partnership.name } };
  }

  renamePartnershipModel(request: Request) {
    return this.renamePartnershipModelFor(routeId(request));
  }

  private renamePartnershipModelFor(id: string) {
    return { title: 'Change the name of the partnership', action: `/admin/partnerships/${id}/name`, back: `/admin/partnerships/${id}`, button: 'Save name' };
  }

  @Post('partnerships/:id/name')
  @FormPage('partnerships/name', 'renamePartnershipModel')
  async renamePartnership(@Param('id', RouteIdPipe) id: string, @Body() form: PartnershipNameForm, @Req() request: Request, @Res() response: Response) {
    const partnership = await this.admin.renamePartnership(id, form.name);
    setFlash(request, { heading: `The partnership is now called ${partnership.name}` });
    return redirectAfterSaving(request, response, `/admin/partnerships/${id}`);
  }

  @Post('partnerships/:id/deactivate')
  async deactivatePartnership(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const partnership = await this.admin.setPartnershipActive(id, false);
    setFlash(request, { heading: `${partnership.name} has been deactivated`, body: 'Its records stay; no agency can be added to it until it is reactivated.' });
    return redirectAfterSaving(request, response, `/admin/partnerships/${id}`);
  }

  @Post('partnerships/:id/reactivate')
  async reactivatePartnership(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const partnership = await this.admin.setPartnershipActive(id, true);
    setFlash(request, { heading: `${partnership.name} has been reactivated` });
    return redirectAfterSaving(request, response, `/admin/partnerships/${id}`);
  }

  @Get('partnerships/:id/agencies/new')
  @Render('partnerships/agency-new')
  async newAgency(@Param('id', RouteIdPipe) id: string) {
    return this.newAgencyModelFor(id, ['']);
  }

  async newAgencyModel(request: Request) {
    return this.newAgencyModelFor(routeId(request), districtRows(request.body?.districts));
  }

  private async newAgencyModelFor(id: string, rows: string[]) {
    const { partnership } = await this.admin.get(id);
    return { partnership, rows };
  }

  /** "Add another district" without JavaScript: the same form again with one more row, nothing saved. */
  @Post('partnerships/:id/agencies/new/add-district')
  @HttpCode(200)
  async addDistrictRow(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const model = await this.newAgencyModelFor(id, districtRows(request.body?.districts, true));
    response.render('partnerships/agency-new', { ...model, values: { name: typeof request.body?.name === 'string' ? request.body.name : '' } });
  }

  @Post('partnerships/:id/agencies/new')
  @FormPage('partnerships/agency-new', 'newAgencyModel')
  async createAgency(@Param('id', RouteIdPipe) id: string, @Body() form: AgencyForm, @Req() request: Request, @Res() response: Response) {
    const agency = await this.admin.createAgency(id, form.name, form.districts);
    setFlash(request, { heading: `${agency.name} has been added` });
    return redirectAfterSaving(request, response, `/admin/partnerships/${id}`);
  }

  @Get('agencies/:id')
  @Render('partnerships/agency')
  async agency(@Param('id', RouteIdPipe) id: string) {
    return this.agencyModelFor(id, ['']);
  }

  async agencyModel(request: Request) {
    return this.agencyModelFor(routeId(request), districtRows(request.body?.districts));
  }

  private async agencyModelFor(id: string, rows: string[]) {
    const { agency, districts, partnership } = await this.admin.getAgency(id);
    return {
      agency,
      partnership,
      status: statusTag(agency.active),
      districts: districts.map((district) => ({ ...district, status: statusTag(district.active) })),
      rows,
    };
  }

  @Post('agencies/:id/districts/add-district')
  @HttpCode(200)
  async addAgencyDistrictRow(@Param('id', RouteIdPipe) id: string, @Res() response: Response, @Req() request: Request) {
    const model = await this.agencyModelFor(id, districtRows(request.body?.districts, true));
    response.render('partnerships/agency', { ...model });
  }

  @Post('agencies/:id/districts')
  @FormPage('partnerships/agency', 'agencyModel')
  async addDistricts(@Param('id', RouteIdPipe) id: string, @Body() form: DistrictsForm, @Req() request: Request, @Res() response: Response) {
    const areas = await this.admin.addDistricts(id, form.districts);
    setFlash(request, { heading: areas.length === 1 ? `${areas[0].name} has been added` : `${areas.length} districts have been added` });
    return redirectAfterSaving(request, response, `/admin/agencies/${id}`);
  }

  @Get('agencies/:id/name')
  @Render('partnerships/name')
  async renameAgencyPage(@Param('id', RouteIdPipe) id: string) {
    const { agency } = await this.admin.getAgency(id);
    return { ...this.renameAgencyModelFor(id), values: { name: agency.name } };
  }

  renameAgencyModel(request: Request) {
    return this.renameAgencyModelFor(routeId(request));
  }

  private renameAgencyModelFor(id: string) {
    return { title: 'Change the name of the agency', action: `/admin/agencies/${id}/name`, back: `/admin/agencies/${id}`, button: 'Save name' };
  }

  @Post('agencies/:id/name')
  @FormPage('partnerships/name', 'renameAgencyModel')
  async renameAgency(@Param('id', RouteIdPipe) id: string, @Body() form: AgencyNameForm, @Req() request: Request, @Res() response: Response) {
    const agency = await this.admin.renameAgency(id, form.name);
    setFlash(request, { heading: `The agency is now called ${agency.name}` });
    return redirectAfterSaving(request, response, `/admin/agencies/${id}`);
  }

  @Post('agencies/:id/deactivate')
  async deactivateAgency(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const agency = await this.admin.setAgencyActive(id, false);
    setFlash(request, { heading: `${agency.name} has been deactivated` });
    return redirectAfterSaving(request, response, `/admin/agencies/${id}`);
  }

  @Post('agencies/:id/reactivate')
  async reactivateAgency(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const agency = await this.admin.setAgencyActive(id, true);
    setFlash(request, { heading: `${agency.name} has been reactivated` });
    return redirectAfterSaving(request, response, `/admin/agencies/${id}`);
  }

  @Post('districts/:id/deactivate')
  async deactivateDistrict(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const district = await this.admin.setDistrictActive(id, false);
    setFlash(request, { heading: `${district.name} has been deactivated` });
    return redirectAfterSaving(request, response, `/admin/agencies/${district.agencyId}`);
  }

  @Post('districts/:id/reactivate')
  async reactivateDistrict(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const district = await this.admin.setDistrictActive(id, true);
    setFlash(request, { heading: `${district.name} has been reactivated` });
    return redirectAfterSaving(request, response, `/admin/agencies/${district.agencyId}`);
  }
}
