import { randomUUID } from 'node:crypto';
import type { SimEnvironment } from '../types';

export interface Approval {
  appKey: string;
  environment: SimEnvironment;
}

/** WebSocket approval keys: UUID-like values that stand in for the app key/secret on the socket. */
export class ApprovalKeys {
  private readonly byKey = new Map<string, Approval>();

  issue(appKey: string, environment: SimEnvironment): string {
    const key = randomUUID();
    this.byKey.set(key, { appKey, environment });
    return key;
  }

  lookup(approvalKey: string, environment: SimEnvironment): Approval | undefined {
    const found = this.byKey.get(approvalKey);
    return found && found.environment === environment ? found : undefined;
  }
}
