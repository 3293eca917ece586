/** The server's messages for one field, next to it (its id is what the field's aria-describedby names). */
export function FieldErrors({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span className="field-error" id={id} data-testid={`error-${id}`}>
      {messages.join(' ')}
    </span>
  );
}

/** The id of a field's error element, and the props that tie the field to it. */
export function errorProps(field: string, errors: Record<string, string[]>) {
  const id = `exp-error-${field.replace(/\./g, '-')}`;
  const invalid = (errors[field]?.length ?? 0) > 0;
  return { id, invalid, describedBy: invalid ? id : undefined };
}
