import { Body, Controller, Get, Param, Post, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { FileUpload } from '../common/forms/file-upload.interceptor';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDate, formatDateTime, formatPence } from '../common/views/format';
import { DOCUMENT_TYPES } from './compliance-document.entity';
import { DOCUMENT_TYPE_LABELS, expiryState } from './document-rules';
import { DocumentsService, UploadedFile as UploadedDocumentFile } from './documents.service';
import { DocumentForm } from './dto/document.form';
import { MAX_DOCUMENT_BYTES } from './file-types';

const EXPIRY_TAGS = {
  expired: { text: 'Expired', classes: 'govuk-tag--red' },
  expiring: { text: 'Expires soon', classes: 'govuk-tag--yellow' },
  current: { text: 'Current', classes: 'govuk-tag--green' },
  none: { text: 'Current', classes: 'govuk-tag--green' },
};

@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('provider/documents')
  @Roles('provider_user')
  @Render('documents/index')
  async index(@CurrentUser() user: SignedInUser) {
    const today = londonDate(new Date());
    const documents = await this.documents.list(user);
    return {
      rows: documents.map(({ document, current }) => ({
        ...document,
        typeText: document.title ?? DOCUMENT_TYPE_LABELS[document.type],
        coverText: document.coverAmountPence ? formatPence(document.coverAmountPence) : '',
        expiresText: document.expiresOn ? formatDate(`${document.expiresOn}T12:00:00Z`) : 'No expiry',
        uploadedText: formatDateTime(document.uploadedAt),
        tag: current ? EXPIRY_TAGS[expiryState(document.expiresOn, today)] : { text: 'Replaced', classes: 'govuk-tag--grey' },
      })),
    };
  }

  @Get('provider/documents/new')
  @Roles('provider_user')
  @Render('documents/new')
  newPage() {
    return this.formModel();
  }

  formModel() {
    return { typeItems: DOCUMENT_TYPES.map((type) => ({ value: type, text: DOCUMENT_TYPE_LABELS[type] })), maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 };
  }

  @Post('provider/documents/new')
  @Roles('provider_user')
  @FormPage('documents/new', 'formModel')
  @UseInterceptors(FileUpload('file', MAX_DOCUMENT_BYTES, 'The selected file must be smaller than 10MB'))
  async upload(
    @Body() form: DocumentForm,
    @UploadedFile() file: UploadedDocumentFile | undefined,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const document = await this.documents.upload(user, form, file);
    setFlash(request, { heading: `${document.fileName} has been uploaded` });
    return redirectAfterSaving(request, response, '/provider/documents');
  }

  /** Downloads only, never shown inline, so an uploaded file cannot run in the portal's pages. */
  @Get('documents/:id/file')
  @Roles('provider_user', 'framework_manager')
  async download(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const { document, content, mediaType } = await this.documents.file(user, id);
    response.setHeader('Content-Type', mediaType);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${document.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
    );
    response.setHeader('Cache-Control', 'no-store');
    response.send(content);
  }
}
