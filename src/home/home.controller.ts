import { Controller, Get, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AnySignedInUser, CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { ROLE_LABELS } from '../users/role';
import { DASHBOARD_PATHS, dashboardFor } from './dashboards';
import { DashboardService } from './dashboard.service';

@Controller()
export class HomeController {
  constructor(private readonly dashboards: DashboardService) {}

  @Public()
  @Get()
  start(@Req() request: Request, @Res() response: Response) {
    if (request.user) return response.redirect(303, '/dashboard');
    response.render('home/start', {});
  }

  @AnySignedInUser()
  @Get('dashboard')
  chooseDashboard(@CurrentUser() user: SignedInUser, @Res() response: Response) {
    const path = dashboardFor(user.roles);
    if (path) return response.redirect(303, path);
    response.render('home/choose-dashboard', { dashboards: user.roles.map((role) => ({ href: DASHBOARD_PATHS[role], text: ROLE_LABELS[role] })) });
  }

  @Get('provider')
  @Roles('provider_user')
  @Render('home/provider')
  async provider(@CurrentUser() user: SignedInUser) {
    const [dashboard, queue] = await Promise.all([this.dashboards.provider(user), this.dashboards.workQueue(user, 'provider_user')]);
    return { ...dashboard, queue };
  }

  @Get('commissioner')
  @Roles('commissioner')
  @Render('home/commissioner')
  async commissioner(@CurrentUser() user: SignedInUser) {
    const [dashboard, queue] = await Promise.all([this.dashboards.agencyStaff(user), this.dashboards.workQueue(user, 'commissioner')]);
    return { ...dashboard, queue };
  }

  @Get('framework-manager')
  @Roles('framework_manager')
  @Render('home/framework-manager')
  async frameworkManager(@CurrentUser() user: SignedInUser) {
    const [dashboard, queue] = await Promise.all([this.dashboards.frameworkManager(user), this.dashboards.workQueue(user, 'framework_manager')]);
    return { ...dashboard, queue };
  }

  @Get('panel')
  @Roles('panel_member')
  @Render('home/panel')
  async panel(@CurrentUser() user: SignedInUser) {
    const [dashboard, queue] = await Promise.all([this.dashboards.agencyStaff(user), this.dashboards.workQueue(user, 'panel_member')]);
    return { ...dashboard, queue };
  }

  @Get('admin')
  @Roles('system_admin')
  @Render('home/admin')
  admin() {
    return this.dashboards.admin();
  }
}
