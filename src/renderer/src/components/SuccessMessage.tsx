/** Confirms a finished action; polite, so it does not interrupt a screen reader. */
export function SuccessMessage({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="message message-success" role="status">
      {text}
    </p>
  );
}
