// Imported first by a page's entry, so its questions to the server leave while the rest of the
// page's modules (Monaco above all) are still being evaluated.
import { askSessionEarly, loadLanguages } from './api';

askSessionEarly();
loadLanguages().catch(() => {});
