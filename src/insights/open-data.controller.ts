import { Controller, Get, NotFoundException, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { toCsv } from '../common/http/csv';
import { AppConfig } from '../config/app-config';
import { MarketService } from './market.service';
import { OpenDataService } from './open-data.service';

export const PUBLIC_OCDS_PATH = '/open-data/ocds/release-package.json';

/** The OCDS release package and contract notice data: downloads for staff, and a public file when switched on. */
@Controller()
export class OpenDataController {
  constructor(
    private readonly openData: OpenDataService,
    private readonly market: MarketService,
    private readonly config: AppConfig,
  ) {}

  @Get('insights/open-data')
  @Roles('framework_manager', 'commissioner')
  @Render('insights/open-data')
  page(@CurrentUser() user: SignedInUser) {
    return {
      publicUrl: `${this.config.baseUrl}${PUBLIC_OCDS_PATH}`,
      isPublic: this.config.ocdsPublic,
      ocidPrefix: this.config.ocdsOcidPrefix,
      frameworkManager: user.roles.includes('framework_manager'),
    };
  }

  @Get('insights/ocds.json')
  @Roles('framework_manager')
  async download(@CurrentUser() user: SignedInUser, @Res() response: Response) {
    const scope = await this.market.scopeOf(user);
    const releasePackage = await this.openData.releasePackage(scope.partnershipId, `${this.config.baseUrl}/insights/ocds.json`);
    response.setHeader('Content-Disposition', `attachment; filename="ocds-release-package.json"`);
    response.type('application/json').send(JSON.stringify(releasePackage, null, 2));
  }

  @Get('open-data/ocds/release-package.json')
  @Public()
  async publicPackage(@Res() response: Response) {
    if (!this.config.ocdsPublic) throw new NotFoundException();
    const releasePackage = await this.openData.releasePackage(null, `${this.config.baseUrl}${PUBLIC_OCDS_PATH}`);
    response.type('application/json').send(JSON.stringify(releasePackage));
  }

  @Get('insights/contract-notices.csv')
  @Roles('framework_manager', 'commissioner')
  async notices(@CurrentUser() user: SignedInUser, @Res() response: Response) {
    const scope = await this.market.scopeOf(user);
    const notices = await this.openData.contractNotices(scope.partnershipId, scope.fixedAgencyId);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="contract-notices.csv"');
    response.send(
      toCsv(
        [
          'OCID',
          'Contract',
          'Title',
          'Buyer',
          'Supplier',
          'Supplier company number',
          'Supplier charity number',
          'Value (£)',
          'Currency',
          'CPV',
          'Procedure',
          'Framework',
          'Award date',
          'Start',
          'End',
          'Tenderers',
          'Contract details notice required',
        ],
        notices.map((notice) => [
          notice.ocid,
          notice.contractId,
          notice.title,
          notice.buyer,
          notice.supplier,
          notice.supplierCompanyNumber,
          notice.supplierCharityNumber,
          notice.valuePounds,
          notice.currency,
          notice.cpv,
          notice.procedure,
          notice.framework,
          notice.awardedOn,
          notice.startsOn,
          notice.endsOn,
          notice.tenderers,
          notice.contractDetailsNoticeRequired ? 'yes' : 'no',
        ]),
      ),
    );
  }
}
