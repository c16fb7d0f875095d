import type { WatchAlert, WatchPublisher } from './ports';

/** Forwards watch alerts to whichever channel attaches (Discord or terminal); before that, to `unattached`. */
export class WatchAlertRelay implements WatchPublisher {
  private publisher: WatchPublisher | null = null;

  constructor(private readonly unattached: (alert: WatchAlert) => void) {}

  attach(publisher: WatchPublisher): void {
    this.publisher = publisher;
  }

  async publishWatchAlert(alert: WatchAlert): Promise<void> {
    if (!this.publisher) {
      this.unattached(alert);
      return;
    }
    await this.publisher.publishWatchAlert(alert);
  }
}
