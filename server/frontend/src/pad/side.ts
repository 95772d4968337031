// The interviewers' side panel: private notes (Markdown, saved as you type; the other interviewers'
// notes beside them), the two links (copy, revoke, a new one with an expiry), the pad's settings and
// the timer. Candidates never get this panel, and the server never sends them what it shows.
import { $, el, when } from '../shared/dom';
import { call } from '../shared/api';
import { messageOf } from '../account/signin-form';
import type { Note, PadLink, PadView } from './types';

const SAVE_AFTER_MS = 700;

export class SidePanel {
  private saveTimer: number | undefined;
  private saving: Promise<void> = Promise.resolve();
  private pollTimer: number | undefined;

  constructor(private pad: PadView, private readonly changed: (pad: PadView) => void) {
    $('pad-notes').addEventListener('input', () => this.scheduleSave());
    $('pad-notes').addEventListener('blur', () => this.saveNow());
    $('pad-allow-guests').onchange = (e: Event) => this.patch({ allowGuests: (e.target as HTMLInputElement).checked });
    $('pad-interviewer-types').onchange = (e: Event) => this.patch({ interviewerMayType: (e.target as HTMLInputElement).checked });
    $('pad-timer-start').onclick = () => this.timer(true);
    $('pad-timer-stop').onclick = () => this.timer(false);
    void this.loadNotes(true);
    this.pollTimer = window.setInterval(() => { if (!document.hidden) void this.loadNotes(false); }, 10_000);
    this.show(pad);
  }

  stop(): void { clearInterval(this.pollTimer); }

  show(pad: PadView): void {
    this.pad = pad;
    $('pad-allow-guests').checked = pad.allowGuests;
    $('pad-interviewer-types').checked = pad.interviewerMayType;
    const ended = pad.status === 'ended';
    for (const id of ['pad-allow-guests', 'pad-interviewer-types', 'pad-timer-start', 'pad-timer-stop', 'pad-timer-minutes']) $(id).disabled = ended;
    $('pad-timer-stop').disabled = ended || !pad.timer;
    this.links();
  }

  /** Saves the note now if it changed (before leaving, before the end). */
  saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    const box = $('pad-notes') as HTMLTextAreaElement;
    if (box.dataset.saved === box.value) return this.saving;
    const markdown = box.value;
    this.saving = this.saving.then(async () => {
      this.noteState('Saving…');
      try {
        await call('PUT', `/api/v1/pads/${this.pad.id}/notes`, { markdown });
        box.dataset.saved = markdown;
        this.noteState(`Saved ${new Date().toLocaleTimeString()}`);
      } catch (e) { this.noteState(`Not saved: ${messageOf(e)}`, true); }
    });
    return this.saving;
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.noteState('Editing…');
    this.saveTimer = window.setTimeout(() => void this.saveNow(), SAVE_AFTER_MS);
  }

  private noteState(text: string, bad = false): void {
    $('pad-notes-state').textContent = text;
    $('pad-notes-state').classList.toggle('bad', bad);
  }

  private async loadNotes(first: boolean): Promise<void> {
    let notes: Note[];
    try { notes = await call<Note[]>('GET', `/api/v1/pads/${this.pad.id}/notes`); } catch (e) {
      if (first) this.noteState(`Notes not loaded: ${messageOf(e)}`, true);
      return;
    }
    const mine = notes.find((n) => n.participantId === this.pad.you.participantId);
    const box = $('pad-notes') as HTMLTextAreaElement;
    if (first && mine) { box.value = mine.markdown; box.dataset.saved = mine.markdown; }
    else if (first) box.dataset.saved = '';
    const others = notes.filter((n) => n.participantId !== this.pad.you.participantId && n.markdown.trim());
    $('pad-other-notes').replaceChildren(...others.map((n) => {
      const body = el('div', { class: 'markdown' });
      body.innerHTML = n.html; // rendered by the server from Markdown, raw HTML escaped and URLs sanitised
      return el('article', { class: 'other-note', 'data-author': n.author },
        el('h4', {}, `${n.author}`, el('small', {}, n.updatedAt ? ` · ${when(n.updatedAt)}` : '')), body);
    }));
    $('pad-other-notes-head').hidden = !others.length;
  }

  private links(): void {
    const box = $('pad-links') as HTMLElement;
    const links = this.pad.links;
    box.replaceChildren(...(['candidate', 'interviewer'] as const).map((kind) => this.link(kind, links?.[kind] ?? null)));
  }

  private link(kind: 'candidate' | 'interviewer', link: PadLink | null): HTMLElement {
    const label = kind === 'candidate' ? 'Candidate link' : 'Co-interviewer link';
    const live = usable(link);
    const url = link ? linkUrl(link) : '';
    const input = el('input', { id: `pad-link-${kind}`, readonly: true, value: live ? url : '', 'aria-label': label,
      placeholder: link?.revoked ? 'Revoked' : link ? 'Expired' : 'No link' });
    const copy = el('button', { type: 'button', id: `pad-link-${kind}-copy`, disabled: !live }, 'Copy');
    copy.onclick = async () => {
      try { await navigator.clipboard.writeText(url); copy.textContent = 'Copied'; } catch { input.select(); copy.textContent = 'Press Ctrl+C'; }
      setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
    };
    const revoke = el('button', { type: 'button', id: `pad-link-${kind}-revoke`, disabled: !live || this.pad.status === 'ended' }, 'Revoke');
    revoke.onclick = () => this.linkCall('DELETE', kind);
    const expiry = el('input', { type: 'datetime-local', id: `pad-link-${kind}-expiry`, 'aria-label': `${label}: expires (optional)` });
    const renew = el('button', { type: 'button', id: `pad-link-${kind}-new`, disabled: this.pad.status === 'ended' }, live ? 'New link' : 'Issue link');
    renew.title = 'A new link; the old one stops working';
    renew.onclick = () => this.linkCall('POST', kind, { expiresAt: expiry.value ? new Date(expiry.value).toISOString() : null });
    const state = link?.revoked ? 'revoked' : !link ? 'none' : live ? (link.expiresAt ? `expires ${when(link.expiresAt)}` : 'no expiry') : 'expired';
    // Replacing a link is rare: out of the way until asked for, and labelled, so the date field is not a puzzle.
    const replace = el('details', { class: 'link-renew', open: !live },
      el('summary', {}, live ? 'Replace the link or set an expiry' : 'Issue a link'),
      el('label', { class: 'hint', for: `pad-link-${kind}-expiry` }, 'Expires (optional)'),
      el('div', { class: 'link-row' }, expiry, renew));
    return el('div', { class: 'pad-link', 'data-kind': kind },
      el('div', { class: 'link-head' }, el('strong', {}, label), el('small', { class: 'hint' }, state)),
      el('div', { class: 'link-row' }, input, copy, revoke), replace);
  }

  private async linkCall(method: string, kind: string, body?: object): Promise<void> {
    try {
      await call(method, `/api/v1/pads/${this.pad.id}/links/${kind}`, body);
      this.changed(await call<PadView>('GET', `/api/v1/pads/${this.pad.id}`));
      $('pad-side-error').textContent = '';
    } catch (e) { $('pad-side-error').textContent = messageOf(e); }
  }

  private async patch(body: object): Promise<void> {
    try { this.changed(await call<PadView>('PATCH', `/api/v1/pads/${this.pad.id}`, body)); $('pad-side-error').textContent = ''; }
    catch (e) { $('pad-side-error').textContent = messageOf(e); this.show(this.pad); }
  }

  private async timer(start: boolean): Promise<void> {
    try {
      if (start) await call('POST', `/api/v1/pads/${this.pad.id}/timer`, { minutes: Number($('pad-timer-minutes').value) || 45 });
      else await call('DELETE', `/api/v1/pads/${this.pad.id}/timer`);
      this.changed(await call<PadView>('GET', `/api/v1/pads/${this.pad.id}`));
    } catch (e) { $('pad-side-error').textContent = messageOf(e); }
  }
}

/** Whether a link still lets someone in. */
export function usable(link: PadLink | null | undefined): link is PadLink {
  return !!link && !link.revoked && !link.expired && !(link.expiresAt && new Date(link.expiresAt) < new Date());
}

/** A link's address, absolute. */
export function linkUrl(link: PadLink): string {
  return new URL(link.url || `/join/${encodeURIComponent(link.token)}`, location.origin).href;
}
