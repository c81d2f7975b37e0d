import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/app-config';

/**
 * Scheduled work that runs shortly after start and then every `intervalMs`.
 * Every instance may run it; each job makes itself safe to run concurrently
 * (advisory locks, SKIP LOCKED, event keys). OUTBOX_WORKER=false turns it off.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private firstRun: NodeJS.Timeout | undefined;

  protected constructor(
    private readonly jobName: string,
    private readonly intervalMs: number,
    private readonly jobConfig: AppConfig,
    private readonly jobLogger: Logger,
  ) {}

  /** One run; a result worth logging is returned. */
  protected abstract runOnce(): Promise<object | null | undefined | false>;

  onApplicationBootstrap(): void {
    if (!this.jobConfig.outboxWorker) return;
    const tick = () => {
      this.runOnce()
        .then((result) => result && this.jobLogger.info({ ...result }, `${this.jobName} finished`))
        .catch((error) => this.jobLogger.error({ err: error }, `${this.jobName} failed`));
    };
    this.timer = setInterval(tick, this.intervalMs);
    this.firstRun = setTimeout(tick, 5_000);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    clearTimeout(this.firstRun);
  }
}
