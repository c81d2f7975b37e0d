import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { NoticesModule } from '../awards/notices.module';
import { FrameworksModule } from '../frameworks/frameworks.module';
import { ProvidersModule } from '../providers/providers.module';
import { DashboardService } from './dashboard.service';
import { HomeRepository } from './home.repository';
import { HomeController } from './home.controller';
import { PagesController } from './pages.controller';

@Module({
  imports: [AgenciesModule, FrameworksModule, ProvidersModule, NoticesModule],
  controllers: [HomeController, PagesController],
  providers: [DashboardService, HomeRepository],
})
export class HomeModule {}
