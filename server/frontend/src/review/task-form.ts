// The task form ("New task", and "Edit" on a task): title, language, statement, limits, the starter
// files in Monaco, and named test cases. Saving an edit sends PATCH; its files and cases replace the old.
import { $, el } from '../shared/dom';
import { call } from '../shared/api';
import { StarterFiles } from './starter-files';
import type { CaseView, Language, TaskView } from './types';

interface NewCase { name: string; stdin: string; expectedStdout: string; hidden: boolean; timeLimitMs?: number; memoryMb?: number }

const value = (id: string): string => ($(id) as HTMLInputElement).value;

export class TaskForm {
  private editing: number | null = null;
  private languages: Language[] = [];
  private language = '';
  readonly starter = new StarterFiles(() => this.defaultFileName());

  constructor(private readonly saved: (task: TaskView) => Promise<void>) {
    $('nt-add-test').onclick = () => this.addTest();
    $('new-task').onsubmit = (e: SubmitEvent) => { e.preventDefault(); this.save(); };
    $('nt-language').onchange = () => {
      const old = this.defaultFileName();
      this.language = value('nt-language');
      this.starter.languageChanged(old);
    };
  }

  setLanguages(languages: Language[]): void {
    this.languages = languages;
    const select = $('nt-language') as HTMLSelectElement;
    select.replaceChildren();
    for (const l of languages) if (!select.querySelector(`option[value="${CSS.escape(l.id)}"]`)) select.add(new Option(l.name, l.id));
    this.language = select.value;
  }

  /** An empty form for a new task. */
  reset(): void {
    this.editing = null;
    ($('new-task') as HTMLFormElement).reset();
    this.language = value('nt-language');
    $('nt-tests').textContent = ''; $('nt-error').textContent = '';
    $('nt-heading').textContent = 'New task';
    $('nt-create').textContent = 'Create task';
    this.starter.load([], null);
  }

  /** The form, filled with the task to change. */
  edit(t: TaskView): void {
    this.reset();
    this.editing = t.id;
    $('nt-heading').textContent = `Edit “${t.title}”`;
    $('nt-create').textContent = 'Save changes';
    ($('nt-title') as HTMLInputElement).value = t.title;
    ($('nt-statement') as HTMLTextAreaElement).value = t.statement;
    ($('nt-language') as HTMLSelectElement).value = t.language;
    this.language = t.language;
    ($('nt-minutes') as HTMLInputElement).value = t.timeLimitMinutes ? String(t.timeLimitMinutes) : '';
    ($('nt-attempts') as HTMLInputElement).value = String(t.maxAttempts);
    this.starter.load(t.starterFiles, t.entry);
    for (const c of t.tests) this.addTest(c);
  }

  private defaultFileName(): string {
    return this.languages.find((l) => l.id === this.language)?.fileName ?? 'main.txt';
  }

  private addTest(c?: CaseView): void {
    const n = $('nt-tests').children.length + 1;
    const field = (tag: 'input' | 'textarea', cls: string, label: string, attrs: Record<string, string> = {}) =>
      el(tag, { class: cls, 'aria-label': `Test ${n} ${label}`, ...attrs });
    const name = field('input', 'nt-name', 'name', { placeholder: `Test ${n}`, maxlength: '200' }) as HTMLInputElement;
    const stdin = field('textarea', 'nt-stdin', 'input', { rows: '3' }) as HTMLTextAreaElement;
    const expected = field('textarea', 'nt-expected', 'expected output', { rows: '3' }) as HTMLTextAreaElement;
    const hidden = el('input', { type: 'checkbox', class: 'nt-hidden' });
    const time = field('input', 'nt-time', 'time limit ms', { type: 'number', min: '100', placeholder: 'default' }) as HTMLInputElement;
    const memory = field('input', 'nt-memory', 'memory MB', { type: 'number', min: '16', placeholder: 'default' }) as HTMLInputElement;
    name.value = c?.name ?? ''; stdin.value = c?.stdin ?? ''; expected.value = c?.expectedStdout ?? '';
    hidden.checked = !!c?.hidden;
    time.value = c?.timeLimitMs ? String(c.timeLimitMs) : ''; memory.value = c?.memoryMb ? String(c.memoryMb) : '';
    const row = el('fieldset', { class: 'test-row' });
    const remove = el('button', { type: 'button', class: 'nt-remove', onclick: () => row.remove() }, 'Remove');
    row.append(el('legend', {}, `Test ${n}`),
      el('div', { class: 'test-row-head' }, el('label', {}, 'Name ', name), remove),
      el('label', {}, 'Input', stdin), el('label', {}, 'Expected output', expected),
      el('div', { class: 'opts' }, el('label', {}, hidden, ' hidden (runs only on submit; learners never see it)'),
        el('label', {}, 'time ms ', time), el('label', {}, 'memory MB ', memory)));
    $('nt-tests').append(row);
  }

  private tests(): NewCase[] {
    return [...($('nt-tests') as HTMLElement).children].map((row) => {
      const field = (cls: string) => row.querySelector<HTMLInputElement>(`.${cls}`)!;
      const t: NewCase = { name: field('nt-name').value.trim(), stdin: field('nt-stdin').value,
        expectedStdout: field('nt-expected').value, hidden: field('nt-hidden').checked };
      if (field('nt-time').value) t.timeLimitMs = Number(field('nt-time').value);
      if (field('nt-memory').value) t.memoryMb = Number(field('nt-memory').value);
      return t;
    });
  }

  private async save(): Promise<void> {
    $('nt-error').textContent = '';
    const body: Record<string, unknown> = { title: value('nt-title'), statement: value('nt-statement'), language: value('nt-language'),
      tests: this.tests(), maxAttempts: Number(value('nt-attempts') || 1), starterFiles: this.starter.values(),
      entry: this.starter.entry() };
    if (value('nt-minutes')) body.timeLimitMinutes = Number(value('nt-minutes'));
    try {
      const t = this.editing ? await call<TaskView>('PATCH', `/api/v1/tasks/${this.editing}`, body)
        : await call<TaskView>('POST', '/api/v1/tasks', body);
      this.reset();
      await this.saved(t);
    } catch (err) {
      $('nt-error').textContent = err.message;
    }
  }
}
