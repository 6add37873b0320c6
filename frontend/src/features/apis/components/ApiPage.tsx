import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { apiUrls } from '../urls';
import { ApiTabs } from './ApiTabs';

/**
 * The frame every design page of an API shares: the way back to the list, the API's name as
 * the title (name and version unless title says otherwise), the page's actions and the design
 * tabs. children renders the page once the API has loaded; a missing API (or one the viewer
 * may not see) gets one message on every page.
 */
export function ApiPage<A extends { name: string; version: string }>(props: {
  id: string;
  api: A | null | undefined;
  fetching: boolean;
  error?: CombinedError;
  hasData: boolean;
  title?: string;
  actions?: ReactNode;
  children: (api: A) => ReactNode;
}) {
  const { id, api, fetching, error, hasData, title, actions, children } = props;
  return (
    <>
      <p className="breadcrumb">
        <Link to={apiUrls.list()}>APIs</Link>
      </p>
      <QueryState fetching={fetching} error={error} hasData={hasData}>
        {!api ? (
          <Banner>This API does not exist, or you may not see it.</Banner>
        ) : (
          <>
            <PageHeader title={title ?? `${api.name} ${api.version}`} actions={actions} />
            <ApiTabs id={id} urls={apiUrls} />
            {children(api)}
          </>
        )}
      </QueryState>
    </>
  );
}
