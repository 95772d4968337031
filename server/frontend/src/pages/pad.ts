// The pad page (/pads/{id}): a live interview on a shared document.
import '../shared/early';
import '../shared/base.css';
import '../review/review.css';
import '../pad/pad.css';
import { startPad } from '../pad/app';

// A pad link as /pad.html#join=<token>: the join page opens it.
if (location.hash.startsWith('#join=')) location.replace(`/join/${encodeURIComponent(location.hash.slice(6))}`);
else void startPad();
