import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { PanelMembersService } from './panel-members.service';
import { Profession, PROFESSIONS } from './quorum';
import { signedInUser } from '../common/http/route-inputs';

export class PanelMemberForm {
  @IsUUID('all', { message: 'Select the person to add to the panel' })
  userId: string;

  @IsIn(Object.keys(PROFESSIONS), { message: 'Select their profession' })
  profession: Profession;

  @IsOptional()
  @IsIn(['yes'], { message: 'Select whether they chair the panel' })
  isChair?: string;

  @IsOptional()
  @IsIn(['yes'], { message: 'Select whether they are the alternate chair' })
  isAlternateChair?: string;

  /** The partnership whose panel this is; the admin's own when absent. */
  @IsOptional()
  partnership?: string;
}

const panelPath = (partnershipId: string) => `/admin/panel?partnership=${partnershipId}`;

@Controller('admin/panel')
@Roles('system_admin')
export class PanelMembersController {
  constructor(private readonly members: PanelMembersService) {}

  @Get()
  @Render('panel/members')
  index(@Req() request: Request) {
    return this.indexModel(request);
  }

  async indexModel(request: Request) {
    const chosen = request.method === 'GET' ? request.query.partnership : request.body?.partnership;
    const partnership = await this.members.partnershipFor(signedInUser(request), chosen);
    const { members, candidates } = await this.members.list(partnership.id);
    return {
      partnership,
      partnershipItems: partnership.choices.map((choice) => ({ value: choice.id, text: choice.name, selected: choice.id === partnership.id })),
      members: members.map((member) => ({ ...member, professionText: PROFESSIONS[member.profession] })),
      candidateItems: [
        { value: '', text: 'Choose a person' },
        ...candidates.map((candidate) => ({ value: candidate.id, text: `${candidate.fullName}, ${candidate.agency}` })),
      ],
      professionItems: Object.entries(PROFESSIONS).map(([value, text]) => ({ value, text })),
    };
  }

  @Post()
  @FormPage('panel/members', 'indexModel')
  async add(@Body() form: PanelMemberForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const partnership = await this.members.partnershipFor(user, form.partnership);
    await this.members.add(partnership.id, {
      userId: form.userId,
      profession: form.profession,
      isChair: form.isChair === 'yes',
      isAlternateChair: form.isAlternateChair === 'yes',
    });
    setFlash(request, { heading: 'Added to the panel' });
    return redirectAfterSaving(request, response, panelPath(partnership.id));
  }

  @Post(':id/stand-down')
  async standDown(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const partnershipId = await this.members.setActive(id, false);
    setFlash(request, { heading: 'Stood down from the panel' });
    return redirectAfterSaving(request, response, panelPath(partnershipId));
  }

  @Post(':id/reinstate')
  async reinstate(@Param('id', RouteIdPipe) id: string, @Req() request: Request, @Res() response: Response) {
    const partnershipId = await this.members.setActive(id, true);
    setFlash(request, { heading: 'Back on the panel' });
    return redirectAfterSaving(request, response, panelPath(partnershipId));
  }
}
