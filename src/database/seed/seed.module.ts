import { Module } from '@nestjs/common';
import { Seeder } from './seeder';

@Module({ providers: [Seeder], exports: [Seeder] })
export class SeedModule {}
