// Beside the language select: the built-in libraries of the selected language (GET /api/v1/languages).
import { $, el } from '../shared/dom';
import { type Language, hooks } from '../playground/state';
import './libraries.css';

let known: Language[] = [];

/** Shows the selected language's libraries, or hides the list when it has none. */
export function showLibraries(): void {
  const value = $('language').value;
  const language = known.find((l) => `${l.id}@${l.version}` === value);
  const libraries = language?.libraries ?? [];
  const box = $('libraries');
  box.hidden = libraries.length === 0;
  if (!language || libraries.length === 0) { box.open = false; return; }
  $('libraries-list').replaceChildren(
    el('p', { class: 'hint' }, `${language.name} ${language.version} programs import these without installing anything:`),
    el('ul', { class: 'list' }, ...libraries.map((l) =>
      el('li', {}, el('code', {}, `import ${l.module}`), ' ', el('small', {}, `${l.name} ${l.version}`)))));
}

/** Follows the language select (and an opened project's language); Escape or a click elsewhere closes the list. */
export function initLibraries(languages: Language[]): void {
  known = languages;
  $('language').addEventListener('change', showLibraries);
  hooks.projectOpened.push(showLibraries);
  const box = $('libraries');
  document.addEventListener('click', (e) => { if (box.open && !box.contains(e.target as Node)) box.open = false; });
  box.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape' && box.open) { box.open = false; box.querySelector('summary').focus(); e.stopPropagation(); }
  });
  showLibraries();
}
