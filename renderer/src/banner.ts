/**
 * The band under the top bar: what failed (an alert), or what an action from the bar reports (a
 * gazetteer added). In the layout's own row, so it hides nothing; `detail` is its tooltip.
 */
export type Banner = { readonly kind: 'problem' | 'told'; readonly text: string; readonly detail: string };
