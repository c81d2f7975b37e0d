import { Controller, Get, Render } from '@nestjs/common';
import { Public } from '../common/auth/access.decorators';

@Controller()
@Public()
export class PagesController {
  @Get('accessibility')
  @Render('pages/accessibility')
  accessibility() {
    return {};
  }

  @Get('privacy')
  @Render('pages/privacy')
  privacy() {
    return {};
  }

  @Get('cookies')
  @Render('pages/cookies')
  cookies() {
    return {};
  }
}
