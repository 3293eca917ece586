import { notFound } from 'next/navigation';
import { CustomerDetailClient } from '@/components/customers/customer-detail-client';
import { CUSTOMER_ORDERS_PAGE_SIZE } from '@/lib/customers/customer-list-params';
import { canSeeCustomerPii, hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';
import { customerIdSchema } from '@/lib/customers/customer';
import { getCustomer } from '@/lib/customers/get-customer';
import { listCustomerOrders } from '@/lib/orders/list-customer-orders';
import { auditPiiReveal } from '@/lib/privacy/audit/audit-reveal';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ customerId: string }> };

export async function generateMetadata({ params }: Params) {
  const { customerId } = await params;
  return { title: `Customer ${customerIdSchema.safeParse(customerId).success ? customerId : ''}`.trim() };
}

export default async function CustomerPage({ params }: Params) {
  // The detail pages belong to the Customers section and need the same permission.
  const user = await requireSection('/customers');
  const { customerId } = await params;
  if (!customerIdSchema.safeParse(customerId).success) notFound();
  const [customer, orders] = await Promise.all([
    getCustomer(customerId, canSeeCustomerPii(user.role)),
    listCustomerOrders(customerId, CUSTOMER_ORDERS_PAGE_SIZE),
  ]);
  if (!customer) notFound();
  if (canSeeCustomerPii(user.role)) await auditPiiReveal(user, { customerId, where: 'customer page' });
  return (
    <CustomerDetailClient
      initialCustomer={customer}
      initialOrders={orders}
      canAnalyse={hasPermission(user.role, 'analysis:run')}
    />
  );
}
