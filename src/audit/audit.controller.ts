import { Controller, Get, Query, Render } from '@nestjs/common';
import { Roles } from '../common/auth/access.decorators';
import { parsePageRequest } from '../common/http/pagination';
import { AuditService } from './audit.service';

@Controller('admin/audit')
@Roles('system_admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Render('audit/index')
  async index(@Query() query: Record<string, unknown>) {
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined);
    const filter = { action: text(query.action), entityType: text(query.entityType), actor: text(query.actor), entityId: text(query.entityId) };
    const [page, actions] = await Promise.all([this.audit.list(filter, parsePageRequest(query.page, 50)), this.audit.distinctActions()]);
    const actionOptions = [{ value: '', text: 'All actions' }, ...actions.map((action) => ({ value: action, text: action }))];
    return { page, filter, actionOptions };
  }
}
