// The review page (/review.html): the queue, tasks and submissions.
import '../shared/early';
import '../shared/base.css';
import '../review/review.css';
import { startReview } from '../review/review';

startReview();
