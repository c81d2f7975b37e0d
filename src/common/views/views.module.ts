import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { createViewEngine } from './view-engine';

export class ViewEngine {
  constructor(readonly engine: ReturnType<typeof createViewEngine>) {}
}

@Global()
@Module({
  providers: [
    {
      provide: ViewEngine,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new ViewEngine(createViewEngine({ cache: config.nodeEnv !== 'development' })),
    },
  ],
  exports: [ViewEngine],
})
export class ViewsModule {}
