/**
 * The SLA clock of one ticket, as a pure function of its state (no database), recomputed on
 * every change:
 * - due = opened_at + target + paused working minutes, in working time of the calendar;
 *   "paused" is the working time spent waiting on the customer (and between a resolution and
 *   a reopen). The first response's due counts only the pauses before that response.
 * - An event (first reply, resolution) meets its target when it happens at or before its due
 *   time; after it, the target is breached. Before the event: "paused" while waiting on the
 *   customer, "breached" once now is past the due time, else "pending".
 * - used = working minutes elapsed less the paused ones, over the target: the escalation job
 *   tells the team lead at 80 %.
 */
import { addBusinessMinutes, businessMinutesBetween, type WorkingCalendar } from './business-hours.js';

export type TargetStatus = 'pending' | 'paused' | 'met' | 'breached';

export interface SlaState {
  opened_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  /** Start of the running pause (waiting on the customer), if any. */
  paused_since: Date | null;
  /** Working minutes of the finished pauses. */
  paused_minutes: number;
  /** Stored working minutes to the first response / the resolution (set when the event happened). */
  first_response_minutes: number | null;
  resolution_minutes: number | null;
}

export interface SlaTargets {
  first_response: number | null;
  resolution: number | null;
}

export interface SlaClock {
  first_response_due: Date | null;
  first_response_status: TargetStatus | null;
  first_response_minutes: number | null;
  first_response_used: number | null;
  resolution_due: Date | null;
  resolution_status: TargetStatus | null;
  resolution_minutes: number | null;
  resolution_used: number | null;
}

/** Paused working minutes up to an instant: the finished pauses and the running one until then. */
export function pausedUntil(s: SlaState, at: Date, cal: WorkingCalendar): number {
  return s.paused_minutes + (s.paused_since && s.paused_since < at ? businessMinutesBetween(s.paused_since, at, cal) : 0);
}

/** Working minutes from opening to an instant, pauses excluded. */
export function workedMinutes(s: SlaState, at: Date, cal: WorkingCalendar): number {
  return Math.max(0, businessMinutesBetween(s.opened_at, at, cal) - pausedUntil(s, at, cal));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function target(
  s: SlaState,
  minutes: number | null,
  eventAt: Date | null,
  storedMinutes: number | null,
  now: Date,
  cal: WorkingCalendar,
): { due: Date | null; status: TargetStatus | null; minutes: number | null; used: number | null } {
  if (minutes == null) return { due: null, status: null, minutes: eventAt ? round2(storedMinutes ?? workedMinutes(s, eventAt, cal)) : null, used: null };
  if (eventAt) {
    const took = storedMinutes ?? workedMinutes(s, eventAt, cal);
    // The pauses that happened before the event are those elapsed working minutes not worked.
    const pausedBefore = Math.max(0, businessMinutesBetween(s.opened_at, eventAt, cal) - took);
    const due = addBusinessMinutes(s.opened_at, minutes + pausedBefore, cal);
    return { due, status: eventAt <= due ? 'met' : 'breached', minutes: round2(took), used: took / minutes };
  }
  const due = addBusinessMinutes(s.opened_at, minutes + s.paused_minutes, cal);
  const used = workedMinutes(s, now, cal) / minutes;
  const status: TargetStatus = s.paused_since ? 'paused' : now > due ? 'breached' : 'pending';
  return { due, status, minutes: null, used };
}

export function slaClock(s: SlaState, targets: SlaTargets, cal: WorkingCalendar, now: Date): SlaClock {
  const fr = target(s, targets.first_response, s.first_response_at, s.first_response_minutes, now, cal);
  const res = target(s, targets.resolution, s.resolved_at, s.resolution_minutes, now, cal);
  return {
    first_response_due: fr.due,
    first_response_status: fr.status,
    first_response_minutes: fr.minutes,
    first_response_used: fr.used,
    resolution_due: res.due,
    resolution_status: res.status,
    resolution_minutes: res.minutes,
    resolution_used: res.used,
  };
}
