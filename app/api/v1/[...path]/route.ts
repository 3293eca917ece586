import { notFound } from '@/lib/errors/domain-error';
import { route } from '@/lib/http/route';

// Unknown API paths answer problem+json like every other error, not Next's HTML 404 page.
const missing = route({ auth: 'public' }, async ({ request }) => {
  throw notFound(`No API endpoint ${request.method} ${new URL(request.url).pathname}. See docs/api.md.`);
});

export { missing as GET, missing as POST, missing as PUT, missing as PATCH, missing as DELETE };
