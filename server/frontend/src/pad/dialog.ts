// Small modal questions in <dialog>s (keyboard and screen-reader friendly, unlike prompt()).
import { el } from '../shared/dom';

function open(title: string, body: Node[], confirm: string, danger = false): Promise<HTMLDialogElement | null> {
  const id = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  const ok = el('button', { class: danger ? 'primary danger' : 'primary', value: 'ok', id: 'dlg-ok' }, confirm);
  const form = el('form', { method: 'dialog' }, el('h2', { id }, title), ...body,
    el('div', { class: 'row' }, ok, el('button', { value: 'cancel', formnovalidate: true, id: 'dlg-cancel' }, 'Cancel')));
  const dialog = el('dialog', { 'aria-labelledby': id, class: 'pad-dialog' }, form);
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.onclose = () => { dialog.remove(); resolve(dialog.returnValue === 'ok' ? dialog : null); };
  });
}

/** Asks for one line of text; null when cancelled. */
export async function ask(title: string, label: string, value = '', confirm = 'OK'): Promise<string | null> {
  const input = el('input', { id: 'dlg-input', value, required: true, autocomplete: 'off', spellcheck: 'false' });
  const answered = open(title, [el('label', {}, label, ' ', input)], confirm);
  input.select();
  const dialog = await answered;
  return dialog ? input.value.trim() : null;
}

/** Asks yes or no. */
export async function confirmDialog(title: string, text: string, confirm: string, danger = false): Promise<boolean> {
  return (await open(title, [el('p', {}, text)], confirm, danger)) !== null;
}
