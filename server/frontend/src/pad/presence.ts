// Who is in the pad: everyone who joined, who is online now, who is typing and which file they are in
// (from the awareness), the interviewers watching, and a Follow toggle per participant.
import type { Awareness } from 'y-protocols/awareness';
import { $, el } from '../shared/dom';
import { initials, safeColour, textOn, type Person } from './types';

export class Presence {
  private people: Person[] = [];
  private online = new Set<number>();
  following: number | null = null;

  constructor(private readonly awareness: Awareness, private readonly you: () => Person,
    private readonly onFollow: (participantId: number | null) => void) {
    awareness.on('change', () => { this.render(); if (this.following !== null) this.onFollow(this.following); });
  }

  /** Everyone who joined (PadView.participants). */
  setPeople(people: Person[]): void { this.people = people; this.render(); }

  /** Who is connected now (welcome and presence messages). */
  setOnline(list: Person[]): void {
    for (const p of list) if (!this.people.some((q) => q.participantId === p.participantId)) this.people.push(p);
    this.online = new Set(list.filter((p) => p.online !== false).map((p) => p.participantId));
    this.render();
  }

  /** The awareness state of a participant's newest connection. */
  stateOf(participantId: number): Record<string, any> | undefined {
    let found: Record<string, any> | undefined;
    this.awareness.getStates().forEach((s, client) => {
      if (client !== this.awareness.clientID && s.user?.participantId === participantId) found = s;
    });
    return found;
  }

  private render(): void {
    const me = this.you();
    const list = $('pad-people') as HTMLElement;
    const awareOnline = new Set<number>();
    this.awareness.getStates().forEach((s) => { if (typeof s.user?.participantId === 'number') awareOnline.add(s.user.participantId); });
    const isOnline = (p: Person) => p.participantId === me.participantId || this.online.has(p.participantId) || awareOnline.has(p.participantId);
    const sorted = [...this.people].sort((a, b) => Number(isOnline(b)) - Number(isOnline(a)) || a.name.localeCompare(b.name));
    list.replaceChildren(...sorted.map((p) => this.row(p, p.participantId === me.participantId, isOnline(p))));
    const avatars = $('pad-avatars') as HTMLElement;
    avatars.replaceChildren(...sorted.filter(isOnline).map((p) => avatar(p, 'small')));
    const watching = sorted.filter((p) => isOnline(p) && p.role === 'interviewer' && p.participantId !== me.participantId).map((p) => p.name);
    $('pad-watching').textContent = watching.length ? `Watching: ${watching.join(', ')}` : '';
  }

  private row(p: Person, self: boolean, online: boolean): HTMLElement {
    const state = self ? this.awareness.getLocalState() : this.stateOf(p.participantId);
    const what = [p.role === 'interviewer' ? 'interviewer' : 'candidate', p.guest && !p.name.endsWith('(guest)') ? 'guest' : null, self ? 'you' : null,
      online ? null : 'away'].filter(Boolean).join(' · ');
    const doing = el('span', { class: 'doing', 'data-typing': String(!!state?.typing) },
      online && state?.typing ? 'typing…' : online && typeof state?.file === 'string' ? `in ${state.file}` : '');
    const li = el('li', { 'data-participant': String(p.participantId), class: online ? 'online' : 'away' }, avatar(p, ''),
      el('span', { class: 'who' }, el('strong', {}, p.name), el('small', {}, what), doing));
    if (!self && online) {
      const on = this.following === p.participantId;
      const follow = el('button', { type: 'button', class: 'follow', 'aria-pressed': String(on), 'aria-label': `Follow ${p.name}` }, on ? 'Following' : 'Follow');
      follow.onclick = () => { this.following = on ? null : p.participantId; this.render(); this.onFollow(this.following); };
      li.append(follow);
    }
    return li;
  }
}

function avatar(p: Person, size: string): HTMLElement {
  const a = el('span', { class: `avatar ${size}`, title: `${p.name} (${p.role})`, 'aria-hidden': 'true' }, initials(p.name));
  a.style.background = safeColour(p.colour);
  a.style.color = textOn(p.colour);
  return a;
}
