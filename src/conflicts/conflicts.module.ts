import { Module } from '@nestjs/common';
import { ConflictsController } from './conflicts.controller';
import { ConflictsService } from './conflicts.service';
import { ConflictDeclarationRepository } from './conflict-declaration.repository';

/** Conflicts of interest for everyone who sees bids (BR-9, PA 2023 ss.81-83). */
@Module({ controllers: [ConflictsController], providers: [ConflictsService, ConflictDeclarationRepository], exports: [ConflictsService] })
export class ConflictsModule {}
