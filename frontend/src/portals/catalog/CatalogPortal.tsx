import { Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { ServiceCreateView } from '../../features/service-catalog/views/ServiceCreateView';
import { ServiceDetailView } from '../../features/service-catalog/views/ServiceDetailView';
import { ServiceEditView } from '../../features/service-catalog/views/ServiceEditView';
import { ServiceListView } from '../../features/service-catalog/views/ServiceListView';

/** /catalog/*: the backend services registered in the Service Catalog, and APIs built from them. */
export function CatalogPortal() {
  return (
    <Routes>
      <Route index element={<ServiceListView />} />
      <Route path="services/new" element={<ServiceCreateView />} />
      <Route path="services/:id" element={<ServiceDetailView />} />
      <Route path="services/:id/edit" element={<ServiceEditView />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
