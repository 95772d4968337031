// The pad page (/pads/{id}): a live interview on a shared document.
import '../shared/early';
import '../shared/base.css';
import '../review/review.css';
import '../pad/pad.css';
import { startPad } from '../pad/app';

void startPad();
