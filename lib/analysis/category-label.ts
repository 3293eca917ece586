/**
 * `cat_meat-fish` → `meat & fish`: how a category id reads in a sentence. Its own pure file because both the
 * statistical analyzer's sentences and the customer page's next-purchase chart (in the browser) label categories.
 */
export const categoryLabel = (categoryId: string) => categoryId.replace(/^cat_/, '').replace(/-/g, ' & ');
