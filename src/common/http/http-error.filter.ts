import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { BeyondHolidayDataError } from '../calendar/working-days';
import { ThresholdDataError } from '../../awards/contract-law';
import { IllegalTransitionError } from '../lifecycle';
import { CsrfError } from './csrf';
import { isDatabaseUnavailable } from './database-unavailable';

declare module 'express-session' {
  interface SessionData {
    returnTo?: string;
  }
}

const VIEW_FOR_STATUS: Record<number, string> = {
  400: 'errors/400',
  403: 'errors/403',
  404: 'errors/404',
  405: 'errors/404',
  409: 'errors/409',
  413: 'errors/400',
  429: 'errors/429',
  503: 'errors/503',
};

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  if (isDatabaseUnavailable(exception)) return HttpStatus.SERVICE_UNAVAILABLE;
  if (exception instanceof IllegalTransitionError) return HttpStatus.CONFLICT;
  // A clock past the last year of bank holiday data: refused with its message, never guessed.
  if (exception instanceof BeyondHolidayDataError) return HttpStatus.CONFLICT;
  // Likewise a procurement dated outside the threshold data.
  if (exception instanceof ThresholdDataError) return HttpStatus.CONFLICT;
  // PostgreSQL's "invalid text representation" (a malformed id in a URL): no such record.
  if (exception instanceof QueryFailedError && (exception.driverError as { code?: string })?.code === '22P02') return HttpStatus.NOT_FOUND;
  // "Invalid byte sequence" (a NUL that got past rejectNulCharacters): a bad request, not the service's fault.
  if (exception instanceof QueryFailedError && (exception.driverError as { code?: string })?.code === '22021') return HttpStatus.BAD_REQUEST;
  if (exception instanceof CsrfError) return HttpStatus.FORBIDDEN;
  // Errors from Express middleware such as body-parser carry a 4xx status.
  const status = (exception as { status?: unknown })?.status ?? (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : HttpStatus.INTERNAL_SERVER_ERROR;
}

/**
 * Every error becomes a GOV.UK error page. Stack traces go to the log only,
 * never to the browser. Signed-out visitors to private pages are sent to sign in.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;

    if (exception instanceof UnauthorizedException) {
      if (request.method === 'GET' && request.session) {
        request.session.returnTo = request.originalUrl;
        // Saved before redirecting, or the sign-in page could load the session without it.
        request.session.save(() => response.redirect(303, '/sign-in'));
        return;
      }
      response.redirect(303, '/sign-in');
      return;
    }

    const status = statusOf(exception);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn({ err: exception, reqId: (request as { id?: unknown }).id, url: request.originalUrl }, 'Database unavailable');
    } else if (status >= 500) {
      this.logger.error({ err: exception, reqId: (request as { id?: unknown }).id, url: request.originalUrl }, 'Unhandled error');
    } else if (exception instanceof CsrfError) {
      this.logger.warn({ reqId: (request as { id?: unknown }).id, url: request.originalUrl }, 'CSRF token refused');
    }

    const view = VIEW_FOR_STATUS[status] ?? (status < 500 ? 'errors/400' : 'errors/500');
    response.status(status);
    if (status === HttpStatus.TOO_MANY_REQUESTS || status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '60');
    // Refused state changes and conflicts carry a message written for the person who tried them.
    const message = status === HttpStatus.CONFLICT && exception instanceof Error ? exception.message : undefined;
    response.render(view, { csrfExpired: exception instanceof CsrfError, message }, (renderError, html) => {
      if (renderError) {
        this.logger.error({ err: renderError }, 'Error page failed to render');
        response.type('text/plain').send(status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem');
        return;
      }
      response.send(html);
    });
  }
}
