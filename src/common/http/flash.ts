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

/** Moves a queued banner into the view locals and clears it, so it shows once. */
export function flashMiddleware(request: Request, response: Response, next: NextFunction): void {
  if (request.session?.flash && request.method === 'GET') {
    response.locals.flash = request.session.flash;
    delete request.session.flash;
  }
  next();
}
