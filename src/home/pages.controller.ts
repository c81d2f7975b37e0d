import { Controller, Get, Render } from '@nestjs/common';
import { Public } from '../common/auth/access.decorators';
import { AppConfig } from '../config/app-config';
import { describePeriod, RETENTION_KINDS, RETENTION_SCHEDULE } from '../retention/retention-rules';

@Controller()
@Public()
export class PagesController {
  constructor(private readonly config: AppConfig) {}

  @Get('accessibility')
  @Render('pages/accessibility')
  accessibility() {
    return {};
  }

  @Get('privacy')
  @Render('pages/privacy')
  privacy() {
    // The schedule comes from the same configuration the retention job uses.
    const retention = RETENTION_KINDS.map((kind) => ({
      label: RETENTION_SCHEDULE[kind].label,
      period: `${describePeriod(this.config.retention[kind])} ${RETENTION_SCHEDULE[kind].after}`,
    }));
    return { retention };
  }

  @Get('cookies')
  @Render('pages/cookies')
  cookies() {
    return {};
  }
}
