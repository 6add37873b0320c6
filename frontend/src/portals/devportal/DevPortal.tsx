import { Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { PublishedApisView } from '../../features/discovery/views/PublishedApisView';

/** /devportal/*: discover published APIs. */
export function DevPortal() {
  return (
    <Routes>
      <Route index element={<PublishedApisView />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
