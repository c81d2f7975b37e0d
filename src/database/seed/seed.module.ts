import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../../applications/applications.module';
import { Seeder } from './seeder';

@Module({ imports: [ApplicationsModule], providers: [Seeder], exports: [Seeder] })
export class SeedModule {}
