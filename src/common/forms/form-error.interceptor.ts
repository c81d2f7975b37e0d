import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { cleanFormInput } from './clean-form-input';
import { FormInvalidError } from './form-invalid.error';
import { FORM_PAGE, FormPageOptions } from './form-page.decorator';

/** Fields never sent back to the browser when a form is re-rendered. */
const SECRET_FIELD = /password|token|_csrf/i;

export function formErrorViewModel(error: FormInvalidError, submitted: unknown) {
  const values = Object.fromEntries(Object.entries(cleanFormInput(submitted)).filter(([key]) => !SECRET_FIELD.test(key)));
  const errors = Object.fromEntries(error.fieldErrors.map((fieldError) => [fieldError.field, { text: fieldError.text }]));
  return { values, errors, errorList: error.fieldErrors.map(({ href, text }) => ({ href, text })) };
}

/**
 * The one place where invalid forms are handled: a FormInvalidError from a pipe
 * or a service re-renders the handler's @FormPage view with status 400, the
 * submitted values, an error summary and inline messages.
 */
@Injectable()
export class FormErrorInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const page = this.reflector.get<FormPageOptions | undefined>(FORM_PAGE, context.getHandler());
        if (!(error instanceof FormInvalidError) || !page) return throwError(() => error);
        const http = context.switchToHttp();
        const request = http.getRequest<Request>();
        const response = http.getResponse<Response>();
        return from(this.buildModel(context, page, request)).pipe(
          switchMap(async (model) => {
            response.status(error.status).render(page.view, { ...model, ...formErrorViewModel(error, request.body) });
          }),
        );
      }),
    );
  }

  private async buildModel(context: ExecutionContext, page: FormPageOptions, request: Request): Promise<object> {
    if (!page.model) return {};
    const controller = this.moduleRef.get(context.getClass(), { strict: false }) as Record<string, (request: Request) => unknown>;
    return ((await controller[page.model](request)) as object) ?? {};
  }
}
