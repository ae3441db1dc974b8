/** The four tags an analyst puts on a span, in toolbar and key order (1–4). */
export const LABELS = ['claim', 'actor', 'location', 'date'] as const;

export type Label = (typeof LABELS)[number];

export const LABEL_NAMES: Readonly<Record<Label, { readonly en: string; readonly ar: string }>> = {
  claim: { en: 'Claim', ar: 'ادعاء' },
  actor: { en: 'Actor', ar: 'فاعل' },
  location: { en: 'Location', ar: 'مكان' },
  date: { en: 'Date', ar: 'تاريخ' },
};
