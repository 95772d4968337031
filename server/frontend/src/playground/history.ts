import { $ } from '../shared/dom';
import { api } from '../shared/api';
import { setScratch } from './editor';
import { closeProject } from './projects';
import { run } from './run';
import { state } from './state';

// ---------------------------------------------------------------- history

export async function loadHistory() {
  try {
    const { data } = await api('GET', '/api/v1/executions?limit=30');
    const list = $('history'); list.textContent = '';
    for (const e of data.items) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.append(`${e.status} · ${e.language} `);
      const when = document.createElement('small'); when.textContent = new Date(e.createdAt).toLocaleTimeString(); b.append(when);
      b.title = (e.code || '').slice(0, 200);
      b.onclick = () => showRun(e.id);
      li.append(b); list.append(li);
    }
    if (!data.items.length) list.innerHTML = '<li class="hint">Your runs appear here.</li>';
  } catch (err) { /* signed out meanwhile */ }
}

export async function showRun(id) {
  const { data } = await api('GET', `/api/v1/executions/${id}`);
  $('run-title').textContent = `${data.language} ${data.version} · ${data.status} · ${new Date(data.createdAt).toLocaleString()}`;
  const files = data.filesJson ? JSON.parse(data.filesJson) : null;
  $('run-code').textContent = files ? Object.entries(files).map(([n, c]) => `# ${n}\n${c}`).join('\n') : (data.code || '(the code of a large project run is not kept)');
  $('run-output').textContent = data.stdout + (data.stderr ? '\n' + data.stderr : '');
  $('run-again').onclick = () => {
    $('dlg-run').close();
    closeProject();
    const lang = state.languages.find((l) => l.id === data.language);
    if (lang) $('language').value = `${lang.id}@${lang.version}`;
    setScratch(files ? files[data.entry] || data.code || '' : data.code || '', data.language);
    $('stdin').value = data.stdin || '';
    run();
  };
  $('dlg-run').showModal();
}
