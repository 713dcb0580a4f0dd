import type { ApiErrorBody } from '../../../shared/contract';
import { describeIssues } from '../lib/errors';

interface ErrorMessageProps {
  error: ApiErrorBody | null;
  /** Replaces the server's message when the screen knows a clearer one. */
  text?: string;
}

/** A failed action, read out by screen readers at once (role="alert"). */
export function ErrorMessage({ error, text }: ErrorMessageProps) {
  if (!error) return null;
  // A screen that words the failure itself (login, lock) has said all; no field list then.
  const issues = text ? [] : describeIssues(error);
  // With field issues the list says it all; the server's summary would only repeat them.
  const headline = text ?? (issues.length > 0 ? 'Please correct the following:' : error.message);
  return (
    <div className="message message-error" role="alert" data-testid="error-message">
      <p>{headline}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
