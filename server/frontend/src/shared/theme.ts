// Light or dark, chosen once per browser (or from the system) and applied to the page, Monaco and xterm.
const listeners: ((dark: boolean) => void)[] = [];

export function isDark(): boolean { return document.documentElement.dataset.theme === 'dark'; }

export function onThemeChange(listener: (dark: boolean) => void): void { listeners.push(listener); }

export function setTheme(dark: boolean): void {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  localStorage.setItem('sandlot-theme', dark ? 'dark' : 'light');
  listeners.forEach((f) => f(dark));
}

export function initTheme(button?: HTMLElement | null): void {
  const saved = localStorage.getItem('sandlot-theme');
  setTheme(saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches);
  if (button) button.onclick = () => setTheme(!isDark());
}
