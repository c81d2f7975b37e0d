import { Controller, Get, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AnySignedInUser, CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { ROLE_LABELS } from '../users/role';
import { DASHBOARD_PATHS, dashboardFor } from './dashboards';
import { DashboardService } from './dashboard.service';
import { NoticeTasksService } from '../awards/notice-tasks.service';

@Controller()
export class HomeController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly noticeTasks: NoticeTasksService,
  ) {}

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
  provider(@CurrentUser() user: SignedInUser) {
    return this.dashboards.provider(user);
  }

  @Get('commissioner')
  @Roles('commissioner')
  @Render('home/commissioner')
  async commissioner(@CurrentUser() user: SignedInUser) {
    const [dashboard, noticeTasks] = await Promise.all([this.dashboards.agencyStaff(user), this.noticeTasks.tasks(user, { outstandingOnly: true })]);
    return { ...dashboard, noticeTasks };
  }

  @Get('framework-manager')
  @Roles('framework_manager')
  @Render('home/framework-manager')
  frameworkManager(@CurrentUser() user: SignedInUser) {
    return this.dashboards.frameworkManager(user);
  }

  @Get('panel')
  @Roles('panel_member')
  @Render('home/panel')
  panel(@CurrentUser() user: SignedInUser) {
    return this.dashboards.agencyStaff(user);
  }

  @Get('admin')
  @Roles('system_admin')
  @Render('home/admin')
  admin() {
    return this.dashboards.admin();
  }
}
