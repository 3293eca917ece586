import { requireSection } from '@/lib/auth/require-section';
import { CustomerLookup } from '@/components/customers/customer-lookup';

export const metadata = { title: 'Customers' };

export default async function CustomersPage() {
  await requireSection('/customers');
  return (
    <>
      <h1>Customers</h1>
      <p className="muted">
        Look up a customer by id. Names are masked and contact details hidden unless your role may see
        personal data. The searchable list with segments comes with the event backbone.
      </p>
      <CustomerLookup />
    </>
  );
}
