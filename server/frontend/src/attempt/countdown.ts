// A timed attempt's countdown: the time left until its deadline by the server's clock, a warning near
// the end (announced once to screen readers), and a call when the time is up.
import { el, when } from '../shared/dom';
import type { AttemptView } from '../review/types';

let ticking: number | undefined;

export function stopCountdown(): void {
  clearInterval(ticking);
  ticking = undefined;
}

export function startCountdown(timer: HTMLElement, attempt: AttemptView, clockOffset: number, onTimeUp: () => void): void {
  stopCountdown();
  const deadline = Date.parse(attempt.deadlineAt!);
  const warnAt = warningThreshold(deadline - Date.parse(attempt.startedAt));
  const alert = el('span', { class: 'sr-only', role: 'alert' });
  timer.after(alert);
  timer.hidden = false;
  timer.title = `Closes at ${when(attempt.deadlineAt)}`;
  const tick = () => {
    const left = deadline - (Date.now() + clockOffset);
    if (left <= 0) { stopCountdown(); alert.remove(); onTimeUp(); return; }
    timer.textContent = `${clock(left)} left`;
    const warn = left <= warnAt;
    if (warn && !timer.classList.contains('warn')) alert.textContent = `${Math.ceil(left / 60_000)} minutes left`;
    timer.classList.toggle('warn', warn);
  };
  tick();
  if (Date.now() + clockOffset < deadline) ticking = window.setInterval(tick, 1000);
}

/** The last five minutes, or the last fifth of a shorter attempt (at least half a minute). */
export function warningThreshold(totalMs: number): number {
  return Math.max(30_000, Math.min(5 * 60_000, totalMs / 5));
}

/** 1:02:03 or 12:03. */
export function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
