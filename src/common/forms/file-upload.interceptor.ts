import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { Observable, from, switchMap } from 'rxjs';
import { FormInvalidError } from './form-invalid.error';

/**
 * Reads one file from a multipart form into memory, with a size limit. A file
 * that is too big becomes an ordinary form error on `field`, not a 413 page.
 * Multipart forms carry their CSRF token in the action's query string. The
 * form's DTO sees `field` as "received" when a file arrived; an empty one is an error.
 */
export function FileUpload(field: string, maxBytes: number, tooBigMessage: string): new () => NestInterceptor {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 50, fieldSize: 100_000 } }).single(field);

  @Injectable()
  class FileUploadInterceptor implements NestInterceptor {
    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const request = context.switchToHttp().getRequest<Request>();
      const response = context.switchToHttp().getResponse<Response>();
      const read = new Promise<void>((resolve, reject) =>
        upload(request, response, (error: unknown) => {
          if (!error) return resolve();
          if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE') return reject(FormInvalidError.forField(field, tooBigMessage));
          reject(FormInvalidError.forField(field, 'The selected file could not be uploaded – try again'));
        }),
      );
      // The body says whether a file came, so the DTO can report a missing file alongside other errors.
      const markFile = () => {
        if (request.file?.size === 0) throw FormInvalidError.forField(field, 'The selected file is empty');
        request.body = { ...(request.body ?? {}), [field]: request.file ? 'received' : undefined };
      };
      return from(read.then(markFile)).pipe(switchMap(() => next.handle()));
    }
  }
  return FileUploadInterceptor;
}
