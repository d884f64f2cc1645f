/**
 * The id and ARIA links of a form control: `${uid}-${field}`, invalid while it shows a problem,
 * described by its hint (when it has one) and its problem, whose elements carry the ids
 * `${uid}-${field}-hint` and `${uid}-${field}-error`.
 */
export function fieldA11y<F extends string>(
  uid: string,
  shown: Partial<Record<F, string | null>>,
  field: F,
  hint = false,
) {
  return {
    id: `${uid}-${field}`,
    'aria-invalid': shown[field] ? ('true' as const) : undefined,
    'aria-describedby':
      [hint ? `${uid}-${field}-hint` : '', shown[field] ? `${uid}-${field}-error` : '']
        .filter(Boolean)
        .join(' ') || undefined,
  };
}
