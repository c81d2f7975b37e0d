import { Clock } from './common/clock/clock';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module';
import { PortalPassport } from './auth/passport.provider';
import { requestContext } from './common/http/request-context';
import { SessionStore } from './common/http/session-store';
import { sqlStatementCounter } from './common/http/sql-statement-counter';
import type { SignedInUser } from './common/auth/signed-in-user';
import { PinoNestLogger } from './common/logging/logger';
import { VIEWS_DIR } from './common/views/view-engine';
import { ViewEngine } from './common/views/views.module';
import { AppConfig } from './config/app-config';

export const SESSION_COOKIE = 'portal.sid';
const GOVUK_DIST = join(require.resolve('govuk-frontend/package.json'), '..', 'dist', 'govuk');

/** Hides tokens that arrive in query strings (emailed links) from the request log. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:token|_csrf)=)[^&#]*/gi, '$1[redacted]');
}

/**
 * Builds the whole HTTP application: security headers, assets, sessions,
 * passport and views around the Nest modules. Used by main.ts and the tests.
 */
/** `clock` replaces the system clock, for tests. */
export async function createApp(config: AppConfig, logger: Logger, clock?: Clock): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger, clock), new ExpressAdapter(), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  if (config.countSqlStatements) app.use(sqlStatementCounter());

  app.use(
    pinoHttp({
      logger,
      genReqId: (request, response) => {
        const incoming = request.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: redactUrl(request.url) }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => request.url?.startsWith('/assets/') ?? false },
    }),
  );

  app.use((_request: Request, response: Response, next: NextFunction) => {
    response.locals.cspNonce = randomBytes(16).toString('hex');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_request, response) => `'nonce-${(response as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
    }),
  );

  app.use('/assets', express.static(join(GOVUK_DIST, 'assets'), { maxAge: '7d', index: false }));
  app.use('/assets', express.static(GOVUK_DIST, { maxAge: '1h', index: false, setHeaders: () => undefined, extensions: [] }));
  // The portal's own stylesheets (the print styles), alongside GOV.UK Frontend's.
  app.use('/app-assets', express.static(join(VIEWS_DIR, 'assets'), { maxAge: '1h', index: false }));

  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 1000 }));
  app.use(express.json({ limit: '200kb' }));

  app.use(
    session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store: app.get(SessionStore).store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      proxy: config.secureCookies,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: config.sessionIdleMinutes * 60_000 },
    }),
  );
  const passport = app.get(PortalPassport);
  app.use(passport.initialize());
  app.use(passport.session());
  app.use((request: Request, _response: Response, next: NextFunction) => {
    const user = request.user as SignedInUser | undefined;
    requestContext.run({ requestId: String((request as { id?: unknown }).id ?? ''), userId: user?.id ?? null, userEmail: user?.email ?? null }, next);
  });

  // The timeout warning on every signed-in page is timed from the same idle period as the session cookie.
  app.getHttpAdapter().getInstance().locals.sessionIdleSeconds = config.sessionIdleMinutes * 60;
  app.setBaseViewsDir(VIEWS_DIR);
  app.engine('hbs', app.get(ViewEngine).engine.expressEngine);
  app.setViewEngine('hbs');

  await app.init();
  return app;
}
