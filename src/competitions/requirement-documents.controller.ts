import { Body, Controller, Get, Param, Post, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FileUpload } from '../common/forms/file-upload.interceptor';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import type { UploadedFile as UploadedDocumentFile } from '../documents/documents.service';
import { MAX_DOCUMENT_BYTES } from '../documents/file-types';
import { RequirementDocumentForm } from './dto/requirement-document.form';
import { REQUIREMENT_DOCUMENT_KIND_LABELS } from './requirement-document-rules';
import { RequirementDocumentsService } from './requirement-documents.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

/** Downloads only, never shown inline, so an uploaded file cannot run in the portal's pages. */
function sendFile(response: Response, file: { fileName: string; content: Buffer; mediaType: string }) {
  response.setHeader('Content-Type', file.mediaType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  );
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.send(file.content);
}

/** Issue 22: a requirement's documents, attached by the commissioner and downloaded by the invited providers. */
@Controller()
export class RequirementDocumentsController {
  constructor(private readonly documents: RequirementDocumentsService) {}

  @Get('requirements/:id/documents/new')
  @Roles('commissioner')
  @Render('competitions/document')
  newPage(@Req() request: Request) {
    return this.formModel(request);
  }

  async formModel(request: Request) {
    const requirement = await this.documents.attachable(signedInUser(request), routeId(request));
    return {
      requirement,
      published: requirement.status === 'published',
      kindItems: Object.entries(REQUIREMENT_DOCUMENT_KIND_LABELS).map(([value, text]) => ({ value, text })),
      maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024,
    };
  }

  @Post('requirements/:id/documents/new')
  @Roles('commissioner')
  @FormPage('competitions/document', 'formModel')
  @UseInterceptors(FileUpload('file', MAX_DOCUMENT_BYTES, 'The selected file must be smaller than 10MB'))
  async upload(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: RequirementDocumentForm,
    @UploadedFile() file: UploadedDocumentFile | undefined,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const document = await this.documents.upload(user, id, form, file);
    setFlash(request, {
      heading: `${document.fileName} has been added`,
      body: form.reason ? 'Everyone invited to bid has been emailed, and it is in the change history.' : undefined,
    });
    return redirectAfterSaving(request, response, `/requirements/${id}#documents`);
  }

  @Get('requirements/:id/documents/:documentId/file')
  @Roles('commissioner')
  async commissionerFile(
    @Param('id', RouteIdPipe) id: string,
    @Param('documentId', RouteIdPipe) documentId: string,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    sendFile(response, await this.documents.fileForCommissioner(user, id, documentId));
  }

  @Get('provider/opportunities/:id/documents/:documentId/file')
  @Roles('provider_user')
  async providerFile(
    @Param('id', RouteIdPipe) id: string,
    @Param('documentId', RouteIdPipe) documentId: string,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    sendFile(response, await this.documents.fileForProvider(user, id, documentId));
  }
}
