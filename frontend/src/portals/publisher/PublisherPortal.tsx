import { Route, Routes } from 'react-router';
import { ApiCreateView } from '../../features/apis/views/ApiCreateView';
import { ApiDetailView } from '../../features/apis/views/ApiDetailView';
import { ApiImportView } from '../../features/apis/views/ApiImportView';
import { ApiListView } from '../../features/apis/views/ApiListView';
import { NotFound } from '../../components/NotFound';

/** /publisher/*: design, deploy and manage APIs. */
export function PublisherPortal() {
  return (
    <Routes>
      <Route index element={<ApiListView />} />
      <Route path="apis/new" element={<ApiCreateView />} />
      <Route path="apis/import" element={<ApiImportView />} />
      <Route path="apis/:id" element={<ApiDetailView />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
