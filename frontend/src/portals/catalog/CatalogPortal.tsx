import { Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { ServiceListView } from '../../features/service-catalog/views/ServiceListView';

/** /catalog/*: the backend services registered in the Service Catalog. */
export function CatalogPortal() {
  return (
    <Routes>
      <Route index element={<ServiceListView />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
