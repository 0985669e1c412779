import type { Clock } from '../../src/core/deps.js';

/**
 * The app's clock in tests: the system time plus an offset the test moves on, so a session can
 * be made to idle for 16 minutes without waiting or editing the session store. Sign-in stamps
 * the session with the system time, so a test that moves the clock puts it back (`reset`) before
 * the next test signs anyone in.
 */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
