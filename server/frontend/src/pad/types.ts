// What the pads API answers (spec15: PadView, links, notes, scorecards, playback), as the pad and
// join pages read it. Everything in here came from the network: names are shown as text only.

export type PadRole = 'interviewer' | 'candidate';

export interface Person { participantId: number; name: string; role: PadRole; colour: string; guest?: boolean; online?: boolean }

export interface PadLink { token: string; url: string; expiresAt: string | null; revoked: boolean; expired?: boolean }

export interface Timer { startedAt: string; minutes: number }

export interface PadView {
  id: number; title: string; language: string; projectId: number; taskId: number | null; status: 'live' | 'ended';
  createdAt: string; endedAt: string | null; submissionId: number | null; allowGuests: boolean; interviewerMayType: boolean;
  maxParticipants: number; you: Person; participants: Person[]; timer: Timer | null;
  links?: { candidate: PadLink | null; interviewer: PadLink | null }; rubric?: string[];
}

export interface LinkPreview { padId: number; title: string; language: string; role: PadRole; owner: string; allowGuests: boolean; status: 'live' | 'ended' }

export interface Note { author: string; participantId: number; markdown: string; html: string; updatedAt: string | null }

export type Recommendation = 'strong-no' | 'no' | 'yes' | 'strong-yes';

export interface Scorecard {
  author?: string; participantId?: number; scores: Record<string, number>; recommendation: Recommendation;
  comment?: string | null; updatedAt?: string;
}

export interface PlaybackUpdate {
  seq: number; at: string; participantId: number | null; author: string | null; insertedChars: number; largestInsert: number;
  paste: boolean; flagged: boolean; update: string;
}

export interface PlaybackRun { runId: string; at: string; finishedAt: string | null; by: string | { name: string } | null; status: string | null; stdout: string; stderr: string }

export interface Playback { start: string; end: string; updates: PlaybackUpdate[]; runs: PlaybackRun[]; participants: Person[] }

export const isInterviewer = (p: { role: PadRole } | null | undefined): boolean => p?.role === 'interviewer';

/** A colour from the server, or a neutral one: it goes into style rules, so only #rrggbb passes. */
export function safeColour(colour: unknown): string {
  return typeof colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : '#57606a';
}

/** One or two letters for an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(colour: string): string {
  const c = safeColour(colour);
  const lin = (i: number) => { const v = parseInt(c.slice(i, i + 2), 16) / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const l = 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}
