// What the review API answers (ReviewViews.java), as the attempt bar and the review page read it.

export interface FileView { path: string; content: string }

export interface CaseView {
  id: number; ordinal: number; name: string; hidden: boolean; stdin: string; expectedStdout: string;
  timeLimitMs: number | null; memoryMb: number | null;
}

export interface LinkView { token: string; url: string; expiresAt: string | null; expired: boolean }

export interface MemberView { userId: number; username: string; role: string }

export interface TaskView {
  id: number; title: string; statement: string; statementHtml: string; language: string; entry: string | null;
  timeLimitMinutes: number | null; maxAttempts: number; ownerId: number; owner: string; starterFiles: FileView[];
  tests: CaseView[]; visibleTests: number; hiddenTests: number; link: LinkView | null; members: MemberView[] | null;
  canManage: boolean; createdAt: string;
}

export interface LinkPreview {
  taskId: number; title: string; statementHtml: string; language: string; owner: string;
  timeLimitMinutes: number | null; visibleTests: number; hiddenTests: number;
}

export interface AttemptView {
  id: number; taskId: number; taskTitle: string; learnerId: number; learner: string; projectId: number | null;
  startedAt: string; deadlineAt: string | null; closed: boolean; submissions: number; latestStatus: string | null;
}

export interface ResultView {
  caseId: number; name: string; hidden: boolean; verdict: string; stdin: string; expectedStdout: string;
  stdout: string; stderr: string; diff: string | null; wallTimeMs: number; memoryKb: number;
}

export interface TestRunView { attemptId: number; results: ResultView[]; passed: number; total: number; ranAt: string }

export interface SubmissionView {
  id: number; attemptId: number; taskId: number; taskTitle: string; number: number; learnerId: number; learner: string;
  message: string | null; status: string; decisionComment: string | null; decidedBy: string | null;
  decidedAt: string | null; createdAt: string; files: FileView[] | null; results: ResultView[];
  visiblePassed: number; visibleTotal: number; hiddenPassed: number; hiddenTotal: number;
}

export interface FileDiff {
  path: string; oldPath: string | null; status: string; oldText: string; newText: string; unified: string;
  truncated: boolean;
}

export interface DiffView {
  submissionId: number; against: string; baseSubmissionId: number | null; baseNumber: number | null;
  files: FileDiff[]; added: number; removed: number; renamed: number; modified: number;
}

export interface CommentView {
  id: number; submissionId: number; parentId: number | null; authorId: number; author: string; path: string | null;
  line: number | null; body: string; resolved: boolean; createdAt: string;
}

export interface RunView { id: string; status: string; source: string; projectRevision: number | null; wallTimeMs: number; createdAt: string }

export interface NotificationView { id: number; kind: string; message: string; link: string | null; createdAt: string; read: boolean }

export interface Notifications { unread: number; items: NotificationView[] }

export interface User { id: number; username: string; role: string }

export interface Language { id: string; name: string; version: string; fileName: string }

/** A run's result as POST /api/v1/projects/{id}/run answers it (RunResponse.java). */
export interface RunResult {
  status: string; exitCode: number | null; signal: string | null; stdout: string; stderr: string; wallTimeMs: number;
  message: string | null; compile: { status: string; stdout: string; stderr: string } | null;
}

export const VERDICT_OK = new Set(['accepted', 'approved']);

export const stateLabel = (s: string): string => s.replace('_', ' ');
