import { Module } from '@nestjs/common';
import { UserRepository } from './user.repository';

/**
 * The users feature's own tables, shared with the features that tell
 * commissioners and panel members about their work without importing the
 * whole users module.
 */
@Module({
  providers: [UserRepository],
  exports: [UserRepository],
})
export class UserRecordsModule {}
