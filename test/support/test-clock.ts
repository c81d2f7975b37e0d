import { Clock } from '../../src/common/clock/clock';

/**
 * A clock a test can stop: the system's time until `stopAt`, then that
 * instant until `resume`. Pass it as `createTestApp({ clock })`.
 */
export class TestClock extends Clock {
  private stopped: Date | null = null;

  stopAt(instant: Date): void {
    this.stopped = new Date(instant);
  }

  resume(): void {
    this.stopped = null;
  }

  override now(): Date {
    return this.stopped ? new Date(this.stopped) : new Date();
  }
}
