// Lists of names in the page's language.

/** "Léa", "Léa and Paul", "Léa, Paul and Jean" in the page's language. */
export function listOf(names, locale) {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }).format(names);
  } catch (e) {
    return names.join(', ');
  }
}
