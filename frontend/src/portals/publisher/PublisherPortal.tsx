import { NavLink, Route, Routes, useMatch } from 'react-router';
import { ApiBusinessView } from '../../features/apis/views/ApiBusinessView';
import { ApiCreateView } from '../../features/apis/views/ApiCreateView';
import { ApiDetailView } from '../../features/apis/views/ApiDetailView';
import { ProductOperationsPanel } from '../../features/products/components/ProductOperationsPanel';
import { ApiDocumentsView } from '../../features/apis/views/ApiDocumentsView';
import { ApiEndpointsView } from '../../features/apis/views/ApiEndpointsView';
import { ApiScopesView } from '../../features/apis/views/ApiScopesView';
import { ApiImportView } from '../../features/apis/views/ApiImportView';
import { ApiListView } from '../../features/apis/views/ApiListView';
import { approvalUrls } from '../../features/approvals/urls';
import { ApiSubscriptionsView } from '../../features/approvals/views/ApiSubscriptionsView';
import { ApiRevisionsView } from '../../features/apis/views/ApiRevisionsView';
import { analyticsUrls } from '../../features/analytics/urls';
import { LazyTrafficDashboard } from '../../features/analytics/views/LazyTrafficDashboard';
import { NotFound } from '../../components/NotFound';
import { productUrls } from '../../features/products/urls';
import { ProductCreateView } from '../../features/products/views/ProductCreateView';
import { ProductListView } from '../../features/products/views/ProductListView';

/** /publisher/*: design, deploy and manage APIs. */
export function PublisherPortal() {
  // An API's pages belong to the APIs tab.
  const onApiPage = useMatch('/publisher/apis/*') !== null;
  const apiPage = useMatch('/publisher/apis/:id/*');
  const apiID = apiPage && !['new', 'import'].includes(apiPage.params.id ?? '') ? apiPage.params.id : undefined;
  return (
    <>
      <nav className="subnav" aria-label="Publisher">
        <NavLink to="/publisher" end className={({ isActive }) => (isActive || onApiPage ? 'active' : '')}>
          APIs
        </NavLink>
        {apiID && (
          <NavLink to={approvalUrls.apiSubscriptions(apiID)} className={({ isActive }) => (isActive ? 'active' : '')}>
            Subscriptions
          </NavLink>
        )}
        <NavLink to={productUrls.list()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Products
        </NavLink>
        <NavLink to={analyticsUrls.publisher()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Analytics
        </NavLink>
      </nav>
      <Routes>
        <Route index element={<ApiListView />} />
        <Route path="apis/new" element={<ApiCreateView />} />
        <Route path="apis/import" element={<ApiImportView />} />
        <Route path="apis/:id" element={<ApiDetailView productOperations={(id) => <ProductOperationsPanel id={id} />} />} />
        <Route path="apis/:id/subscriptions" element={<ApiSubscriptionsView />} />
        <Route path="apis/:id/business" element={<ApiBusinessView />} />
        <Route path="apis/:id/documents" element={<ApiDocumentsView />} />
        <Route path="apis/:id/endpoints" element={<ApiEndpointsView />} />
        <Route path="apis/:id/scopes" element={<ApiScopesView />} />
        <Route path="apis/:id/revisions" element={<ApiRevisionsView />} />
        <Route path="products" element={<ProductListView />} />
        <Route path="products/new" element={<ProductCreateView />} />
        <Route path="analytics" element={<LazyTrafficDashboard title="Analytics" />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}
