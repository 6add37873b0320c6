import { Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { EnvironmentListView } from '../../features/environments/views/EnvironmentListView';
import { UserListView } from '../../features/users/views/UserListView';

/** /admin/*: users, gateway environments and the rest of the organization's settings. */
export function AdminPortal() {
  return (
    <Routes>
      <Route
        index
        element={
          <>
            <PageHeader title="Administration" />
            <UserListView />
            <EnvironmentListView />
          </>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
