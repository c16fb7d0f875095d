import type { Citation } from '../../desk-api';
import type { IntentRecord } from '../../trading-store';

/** What one tool call gives back: JSON text for the model, where its numbers came from, and any new intent. */
export interface ToolOutcome {
  content: string;
  citations: Citation[];
  proposal: IntentRecord | null;
  ok: boolean;
}

export type ToolErrorCode =
  | 'INVALID_ARGUMENTS'
  | 'UNKNOWN_TOOL'
  | 'UNKNOWN_TICKER'
  | 'TOO_MANY_CALLS'
  | 'BROKER_UNAVAILABLE'
  | 'MEMORY_UNAVAILABLE'
  | 'PROPOSAL_FAILED';

export function toolResult(
  data: unknown,
  citations: Citation[] = [],
  proposal: IntentRecord | null = null,
): ToolOutcome {
  return { content: JSON.stringify(data), citations, proposal, ok: true };
}

/** Errors go back to the model as data so it can correct itself; they never end the turn. */
export function toolError(code: ToolErrorCode, message: string): ToolOutcome {
  return { content: JSON.stringify({ error: code, message }), citations: [], proposal: null, ok: false };
}
