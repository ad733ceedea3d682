import { Injectable } from '@nestjs/common';

/** Whether a shutdown has begun; readiness reports 503 from that moment. */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;

  begin(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }
}
