import type { NextFunction, Request, Response } from 'express';

export interface FlashMessage {
  /** The heading line of a success notification banner. */
  heading: string;
  body?: string;
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessage;
  }
}

/** Queues a one-off success banner for the next page rendered. */
export function setFlash(request: Request, message: FlashMessage): void {
  request.session.flash = message;
}

/**
 * Saves the session, then redirects. express-session sends the response
 * headers before its own save finishes, so a fast browser could follow the
 * redirect and read the old session, losing the banner.
 */
export function redirectAfterSaving(request: Request, response: Response, url: string): Promise<void> {
  return new Promise((resolve, reject) =>
    request.session.save((error) => {
      if (error) return reject(error);
      response.redirect(303, url);
      resolve();
    }),
  );
}

/** Moves a queued banner into the view locals and clears it, so it shows once. */
export function flashMiddleware(request: Request, response: Response, next: NextFunction): void {
  if (request.session?.flash && request.method === 'GET') {
    response.locals.flash = request.session.flash;
    delete request.session.flash;
  }
  next();
}
