import { Module } from '@nestjs/common';
import { DebarmentEntryRepository } from './debarment-entry.repository';
import { DebarmentController } from './debarment.controller';
import { DebarmentService } from './debarment.service';

@Module({ controllers: [DebarmentController], providers: [DebarmentEntryRepository, DebarmentService], exports: [DebarmentService] })
export class DebarmentModule {}
