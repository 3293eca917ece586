import { CustomersClient } from '@/components/customers/customers-client';
import { CUSTOMERS_PAGE_SIZE, parseCustomerListFilter } from '@/lib/customers/customer-list-params';
import { canSeeCustomerPii } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';
import { listCustomers } from '@/lib/customers/list-customers';
import { auditPiiReveal } from '@/lib/privacy/audit/audit-reveal';

export const metadata = { title: 'Customers' };
export const dynamic = 'force-dynamic';

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSection('/customers');
  const withPii = canSeeCustomerPii(user.role);
  // The view is in the URL; the server renders its first page and the client takes over from there.
  const filter = parseCustomerListFilter(await searchParams);
  const page = await listCustomers({
    q: filter.q || undefined,
    segment: filter.segment || undefined,
    sort: filter.sort,
    order: filter.order,
    limit: CUSTOMERS_PAGE_SIZE,
    withPii,
  });
  if (withPii) await auditPiiReveal(user, { where: 'customer list', shown: page.customers.length });
  return (
    <>
      <h1>Customers</h1>
      <p className="muted">
        Every customer with their RFM segment, orders and spend. Click a column to sort, a customer id to open
        the profile.{withPii ? '' : ' Names are masked and contact details hidden for your role.'}
      </p>
      <CustomersClient initial={{ filter, page }} masked={!withPii} />
    </>
  );
}
