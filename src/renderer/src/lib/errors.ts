import { ApiError } from '../../../shared/api-client';
import type { ApiErrorBody } from '../../../shared/contract';

/** Turns anything a call may throw into the error body the UI shows. */
export function toApiErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.body;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

/** Server validation issues name fields by path; readers want "Password: must be …". */
export function describeIssues(body: ApiErrorBody): string[] {
  return (body.issues ?? []).map((issue) =>
    issue.path ? `${humanizeField(issue.path)}: ${issue.message}` : issue.message,
  );
}

function humanizeField(path: string): string {
  const last = path.split('.').pop() ?? path;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
