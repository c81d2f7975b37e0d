import { Clock, ClockModule } from './common/clock/clock';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AgenciesModule } from './agencies/agencies.module';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AccessGuard } from './common/auth/access.guard';
import { ComplianceModule } from './compliance/compliance.module';
import { CompetitionsModule } from './competitions/competitions.module';
import { DebarmentModule } from './debarment/debarment.module';
import { PanelModule } from './panel/panel.module';
import { ConflictsModule } from './conflicts/conflicts.module';
import { AwardsModule } from './awards/awards.module';
import { QualityModule } from './quality/quality.module';
import { InvoicesModule } from './invoices/invoices.module';
import { InsightsModule } from './insights/insights.module';
import { FormErrorInterceptor } from './common/forms/form-error.interceptor';
import { FormValidationPipe } from './common/forms/form-validation.pipe';
import { csrfProtection } from './common/http/csrf';
import { rejectNulCharacters } from './common/http/reject-nul-characters';
import { flashMiddleware } from './common/http/flash';
import { HttpErrorFilter } from './common/http/http-error.filter';
import { SessionStore } from './common/http/session-store';
import { viewLocals } from './common/http/view-locals';
import { LOGGER, LoggerModule } from './common/logging/logger.module';
import { ViewsModule } from './common/views/views.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { buildDataSourceOptions } from './database/data-source-options';
import { SeedModule } from './database/seed/seed.module';
import { CalendarModule } from './calendar/calendar.module';
import { FairAccessLimitsModule } from './funding/fair-access-limits.module';
import { DocumentsModule } from './documents/documents.module';
import { FrameworksModule } from './frameworks/frameworks.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProvidersModule } from './providers/providers.module';
import { RetentionModule } from './retention/retention.module';
import { SetupModule } from './setup/setup.module';
import { SubjectAccessModule } from './subject-access/subject-access.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule implements NestModule {
  /** `config.databaseUrl` must be set by now: main.ts fills it in when the embedded database is used. */
  static forRoot(config: AppConfig, logger: Logger, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(logger),
        ClockModule.forRoot(clock),
        ViewsModule,
        TypeOrmModule.forRoot(buildDataSourceOptions(config.databaseUrl!)),
        AuditModule,
        NotificationsModule,
        AgenciesModule,
        FrameworksModule,
        UsersModule,
        AuthModule,
        ProvidersModule,
        DocumentsModule,
        DebarmentModule,
        ApplicationsModule,
        ComplianceModule,
        CompetitionsModule,
        ConflictsModule,
        PanelModule,
        AwardsModule,
        QualityModule,
        InvoicesModule,
        InsightsModule,
        RetentionModule,
        CalendarModule,
        FairAccessLimitsModule,
        SubjectAccessModule,
        SetupModule,
        HomeModule,
        HealthModule,
        SeedModule,
      ],
      providers: [
        SessionStore,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useClass: FormValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: FormErrorInterceptor },
        { provide: APP_FILTER, inject: [LOGGER], useFactory: (log: Logger) => new HttpErrorFilter(log) },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Runs after the body parsers, so CSRF can read the form's _csrf field.
    consumer.apply(rejectNulCharacters, csrfProtection, flashMiddleware, viewLocals).forRoutes('{*path}');
  }
}
