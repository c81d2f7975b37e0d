import { Module } from '@nestjs/common';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessRepository } from './subject-access.repository';
import { SubjectAccessService } from './subject-access.service';

/** A child's subject access request, answered for the owning agency (UK GDPR Article 15). */
@Module({
  controllers: [SubjectAccessController],
  providers: [SubjectAccessService, SubjectAccessRepository],
})
export class SubjectAccessModule {}
