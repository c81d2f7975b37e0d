import { Module } from '@nestjs/common';
import { DebarmentController } from './debarment.controller';
import { DebarmentService } from './debarment.service';

@Module({ controllers: [DebarmentController], providers: [DebarmentService], exports: [DebarmentService] })
export class DebarmentModule {}
