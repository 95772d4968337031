// After the end, for interviewers: the scorecard (the pad's rubric, each criterion 1–4, a
// recommendation and a comment) and the other interviewers' cards.
import { el } from '../shared/dom';
import { call } from '../shared/api';
import { messageOf } from '../account/signin-form';
import type { PadView, Recommendation, Scorecard } from './types';

export const SCORES: [number, string][] = [[1, 'Poor'], [2, 'Mixed'], [3, 'Good'], [4, 'Excellent']];

export const RECOMMENDATIONS: [Recommendation, string][] = [['strong-no', 'Strong no'], ['no', 'No'], ['yes', 'Yes'], ['strong-yes', 'Strong yes']];

const slug = (text: string, i: number): string => `c${i}-${text.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30)}`;

export async function showScorecard(pad: PadView, box: HTMLElement): Promise<void> {
  const rubric = pad.rubric?.length ? pad.rubric : ['Problem solving', 'Code quality', 'Communication', 'Testing'];
  let cards: Scorecard[] = [];
  try { cards = await call<Scorecard[]>('GET', `/api/v1/pads/${pad.id}/scorecards`); } catch { /* none yet, or not yet available */ }
  const mine = cards.find((c) => c.participantId === pad.you.participantId);
  const result = el('p', { id: 'score-result', role: 'status' });
  const groups = rubric.map((criterion, i) => {
    const name = slug(criterion, i);
    return el('fieldset', { class: 'score', 'data-criterion': criterion }, el('legend', {}, criterion),
      ...SCORES.map(([value, label]) => el('label', { class: 'check' },
        el('input', { type: 'radio', name, value: String(value), checked: mine?.scores?.[criterion] === value, required: true }),
        `${value} ${label}`)));
  });
  const recommendation = el('fieldset', { class: 'score', id: 'score-recommendation' }, el('legend', {}, 'Recommendation'),
    ...RECOMMENDATIONS.map(([value, label]) => el('label', { class: 'check' },
      el('input', { type: 'radio', name: 'recommendation', value, checked: mine?.recommendation === value, required: true }), label)));
  const comment = el('textarea', { id: 'score-comment', rows: '4', maxlength: '10000' }) as HTMLTextAreaElement;
  comment.value = mine?.comment ?? '';
  const save = el('button', { class: 'primary', id: 'score-save' }, mine ? 'Update scorecard' : 'Save scorecard');
  const form = el('form', { id: 'scorecard', 'aria-labelledby': 'scorecard-title' },
    el('h3', { id: 'scorecard-title' }, 'Your scorecard'), ...groups, recommendation,
    el('label', { for: 'score-comment' }, 'Comment (optional)'), comment, el('div', { class: 'row' }, save), result);
  form.onsubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const scores: Record<string, number> = {};
    rubric.forEach((criterion, i) => {
      const chosen = form.querySelector<HTMLInputElement>(`input[name="${slug(criterion, i)}"]:checked`);
      if (chosen) scores[criterion] = Number(chosen.value);
    });
    const rec = form.querySelector<HTMLInputElement>('input[name="recommendation"]:checked')?.value;
    save.disabled = true;
    try {
      await call('PUT', `/api/v1/pads/${pad.id}/scorecard`, { scores, recommendation: rec, comment: comment.value || null });
      result.textContent = `Saved ${new Date().toLocaleTimeString()}`;
      result.className = '';
      save.textContent = 'Update scorecard';
    } catch (err) { result.textContent = messageOf(err); result.className = 'error'; }
    finally { save.disabled = false; }
  };
  const others = cards.filter((c) => c.participantId !== pad.you.participantId);
  box.replaceChildren(form, ...(others.length ? [el('h3', {}, 'Other interviewers'), ...others.map((c) => el('div', { class: 'other-card' },
    el('strong', {}, c.author ?? 'Interviewer'), ` · ${RECOMMENDATIONS.find((r) => r[0] === c.recommendation)?.[1] ?? c.recommendation}`,
    el('ul', {}, ...Object.entries(c.scores ?? {}).map(([k, v]) => el('li', {}, `${k}: ${v}`))),
    c.comment ? el('p', {}, c.comment) : null))] : []));
}
