import type { ServiceEntryDefinitionType, ServiceEntrySecurityType } from '../../../gql/graphql';
import { definitionTypeLabels, securityTypeLabels } from '../labels';

export interface ServiceDetail {
  name: string;
  version: string;
  displayName: string;
  description: string;
  serviceURL: string;
  definitionType: ServiceEntryDefinitionType;
  definition: string;
  definitionHash: string;
  securityType: ServiceEntrySecurityType;
  mutualTLS: boolean;
  createdBy: string;
  updatedAt: string;
}

/** A service's metadata and its definition document as registered. */
export function ServiceDetails({ service }: { service: ServiceDetail }) {
  return (
    <>
      {service.description && <p className="catalog-description">{service.description}</p>}
      <dl className="details" aria-label="Service">
        <dt>Name</dt>
        <dd data-testid="service-name">{service.name}</dd>
        <dt>Version</dt>
        <dd data-testid="service-version">{service.version}</dd>
        <dt>Service URL</dt>
        <dd>
          <code data-testid="service-url">{service.serviceURL}</code>
        </dd>
        <dt>Definition type</dt>
        <dd data-testid="service-definition-type">{definitionTypeLabels[service.definitionType]}</dd>
        <dt>Security</dt>
        <dd data-testid="service-security">
          {securityTypeLabels[service.securityType]}
          {service.mutualTLS && <span className="badge">Mutual TLS</span>}
        </dd>
        <dt>Definition hash</dt>
        <dd>
          <code className="catalog-hash" data-testid="service-definition-hash">
            {service.definitionHash}
          </code>
        </dd>
        <dt>Registered by</dt>
        <dd>{service.createdBy}</dd>
        <dt>Updated</dt>
        <dd>
          <time dateTime={service.updatedAt}>{new Date(service.updatedAt).toLocaleString()}</time>
        </dd>
      </dl>
      <section className="section" aria-labelledby="service-definition-title">
        <h2 id="service-definition-title">Definition</h2>
        {/* Focusable so keyboard users can scroll it. */}
        <pre className="catalog-definition" tabIndex={0} aria-labelledby="service-definition-title" data-testid="service-definition">
          {service.definition}
        </pre>
      </section>
    </>
  );
}
