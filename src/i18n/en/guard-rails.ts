import type { GuardRailsCatalog } from '../ko/guard-rails';

export const guardRailsEn: GuardRailsCatalog = {
  statusTitle: 'Maintenance · pre-open canary',
  blackout: {
    title: 'KIS maintenance windows',
    daily: (label) => `Every day ${label} (KST, setting ORDER_BLACKOUT_WINDOWS_KST)`,
    noDaily: 'No daily window',
    adhoc: (id, range, reason, by) => `#${id} ${range}${reason ? ` · ${reason}` : ''} · added by ${by}`,
    noAdhoc: 'No added windows',
    active: (until, windows) =>
      `⏸ In a maintenance window now (${windows}): no orders are sent until ${until}.`,
    none: 'No maintenance window now.',
    explain:
      'Orders approved in a window wait; when it ends the guard checks them again with fresh data and sends them.',
    added: (id, range) => `Added window #${id}: ${range}. Orders approved in it wait instead of being sent.`,
    removed: (id, range) => `Removed window #${id} (${range}).`,
    notAllowed: 'Only approvers can change the maintenance windows.',
    usage:
      'Usage: /blackout add <from> <to> [reason] · /blackout list · /blackout remove <number> (times: YYYY-MM-DD HH:MM or HH:MM, KST)',
    problem: (p) => {
      switch (p.code) {
        case 'FORMAT':
          return `"${p.input}" is not a time. Use YYYY-MM-DD HH:MM or HH:MM (KST).`;
        case 'EMPTY_WINDOW':
          return `"${p.window}" starts and ends at the same minute.`;
        case 'OVERLAP':
          return `${p.second} overlaps the existing window ${p.first}. Remove that one first to change it.`;
        case 'TOO_LONG':
          return `A window cannot be longer than 24 hours (${p.window}). Add it in parts.`;
        case 'END_NOT_AFTER_START':
          return 'The end must be after the start.';
        case 'IN_THE_PAST':
          return 'That time is already over.';
        case 'REASON_TOO_LONG':
          return `The reason may have at most ${p.max} characters.`;
        case 'TOO_MANY':
          return `There are already ${p.max} upcoming windows. Remove old or unneeded ones.`;
        case 'NOT_FOUND':
          return `No window ${p.id} (see /blackout list).`;
      }
    },
  },
  canary: {
    PASSED: (c) => `✅ Pre-open canary passed (${c.at}, attempt ${c.attempts})`,
    FAILED: (c) =>
      `❌ Pre-open canary failed (${c.at}, attempt ${c.attempts}): ${c.reason} — cycle held, retrying`,
    SKIPPED: (c) => `⏭ Pre-open canary did not pass by the cutoff: today's cycle skipped: ${c.reason}`,
  },
  reapproval: {
    blackoutDrift: (from, to, bp) =>
      `The price moved ${bp} from ${from} to ${to} during the maintenance window: a new approval is needed.`,
  },
};
