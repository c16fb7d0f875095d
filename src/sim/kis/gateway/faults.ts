import { z } from 'zod';
import type { SimFault } from '../types';

const count = z.number().int().positive().optional();
const path = z.string().min(1).optional();

export const simFaultSchema: z.ZodType<SimFault> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().int().nonnegative(), path, count }),
  z.object({ kind: z.literal('rateLimitBurst'), count: z.number().int().positive() }),
  z.object({ kind: z.literal('http5xx'), path, count }),
  z.object({ kind: z.literal('acceptThenDrop'), count }),
  z.object({ kind: z.literal('dropBeforeReceive'), count }),
  z.object({ kind: z.literal('partialFill'), ratio: z.number().min(0).max(1), count }),
]);

interface Pending {
  fault: SimFault;
  remaining: number;
}

/** Faults wait in the order they were injected; each matching request consumes one use of the first that fits. */
export class FaultQueue {
  private pending: Pending[] = [];

  add(fault: SimFault): void {
    const parsed = simFaultSchema.parse(fault);
    this.pending.push({ fault: parsed, remaining: parsed.count ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  take<K extends SimFault['kind']>(kind: K, requestPath = ''): Extract<SimFault, { kind: K }> | undefined {
    const index = this.pending.findIndex((p) => p.fault.kind === kind && pathMatches(p.fault, requestPath));
    const found = this.pending[index];
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.pending.splice(index, 1);
    return found.fault as Extract<SimFault, { kind: K }>;
  }
}

function pathMatches(fault: SimFault, requestPath: string): boolean {
  return !('path' in fault) || fault.path === undefined || requestPath.includes(fault.path);
}
