import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { AgenciesService } from '../agencies/agencies.service';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { CreateAgencyUserForm } from './dto/create-agency-user.form';
import { UpdateRolesForm } from './dto/update-roles.form';
import { AGENCY_ROLES, isRole, ROLE_LABELS, ROLES } from './role';
import { userSummaryRows } from './user-summary';
import { UsersService } from './users.service';
import { routeId } from '../common/http/route-inputs';

const roleItems = (selected: string[] = []) => AGENCY_ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: selected.includes(role) }));

@Controller('admin/users')
@Roles('system_admin')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly agencies: AgenciesService,
  ) {}

  @Get()
  @Render('users/index')
  async index(@Query() query: Record<string, unknown>) {
    const search = typeof query.search === 'string' && query.search.trim() ? query.search.trim().slice(0, 100) : undefined;
    const role = isRole(query.role) ? query.role : undefined;
    const page = await this.users.list({ search, role }, parsePageRequest(query.page));
    return {
      page,
      search,
      roleOptions: [{ value: '', text: 'All roles' }, ...ROLES.map((value) => ({ value, text: ROLE_LABELS[value], selected: value === role }))],
      roleLabels: ROLE_LABELS,
    };
  }

  @Get('new')
  @Render('users/new')
  newUserPage(@Req() request: Request) {
    return this.newUserModel(request);
  }

  async newUserModel(request: Request) {
    const agencies = await this.agencies.listAgencies();
    const submitted = (request.body ?? {}) as { agencyId?: string; roles?: string | string[] };
    const selectedRoles = ([] as string[]).concat(submitted.roles ?? []);
    return {
      agencyOptions: [
        { value: '', text: 'Select an agency' },
        ...agencies.map((agency) => ({ value: agency.id, text: agency.name, selected: agency.id === submitted.agencyId })),
      ],
      roleItems: roleItems(selectedRoles),
    };
  }

  @Post('new')
  @FormPage('users/new', 'newUserModel')
  async create(@Body() form: CreateAgencyUserForm, @Req() request: Request, @Res() response: Response) {
    const user = await this.users.createAgencyUser(form);
    setFlash(request, { heading: `${user.fullName} has been added`, body: `We have sent an email to ${user.email} so they can set a password.` });
    return redirectAfterSaving(request, response, '/admin/users');
  }

  @Get(':id')
  @Render('users/show')
  async show(@Param('id', RouteIdPipe) id: string, @CurrentUser() admin: SignedInUser) {
    const user = await this.users.get(id);
    return { user, rows: userSummaryRows(user), isSelf: admin.id === id };
  }

  @Get(':id/roles')
  @Render('users/roles')
  async rolesPage(@Param('id', RouteIdPipe) id: string) {
    const user = await this.users.get(id);
    return { user, roleItems: roleItems(user.roles) };
  }

  async rolesModel(request: Request) {
    const user = await this.users.get(routeId(request));
    const submitted = ([] as string[]).concat((request.body?.roles as string | string[]) ?? []);
    return { user, roleItems: roleItems(submitted) };
  }

  @Post(':id/roles')
  @FormPage('users/roles', 'rolesModel')
  async updateRoles(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: UpdateRolesForm,
    @CurrentUser() actor: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const user = await this.users.updateRoles(actor, id, form.roles);
    setFlash(request, { heading: `Roles updated for ${user.fullName}` });
    return redirectAfterSaving(request, response, `/admin/users/${id}`);
  }
}
