import { Link } from 'react-router';
import { RatingSummaryText } from './RatingStars';

export interface ApiCardProps {
  name: string;
  version: string;
  description: string;
  /** Where the API's image is served, or null for the initials fallback. */
  thumbnailURL?: string | null;
  deprecated?: boolean;
  /** Consumers' ratings; omitted when unknown. */
  rating?: { average: number; count: number };
  /** The API's page in the Developer Portal. */
  href: string;
  /** PRODUCT for an API product, which bundles operations of several APIs. */
  type?: string;
}

/** Up to two initials of an API's name, shown when it has no thumbnail. */
export function initials(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** A description cut to about `max` characters at a word boundary. */
export function shorten(text: string, max = 160): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function ApiCard({ name, version, description, thumbnailURL, deprecated, rating, href, type }: ApiCardProps) {
  return (
    <article className="card api-card" aria-label={`${name} ${version}`}>
      <header className="card-header">
        {thumbnailURL ? (
          <img className="thumb" src={thumbnailURL} alt="" width={48} height={48} />
        ) : (
          <span className="thumb thumb-initials" aria-hidden="true">
            {initials(name)}
          </span>
        )}
        <h2>
          <Link to={href}>{name}</Link>
        </h2>
        <span className="badge">{version}</span>
        {deprecated && <span className="badge badge-warn">Deprecated</span>}
        {type === 'PRODUCT' && <span className="badge product">Product</span>}
      </header>
      {rating && <RatingSummaryText average={rating.average} count={rating.count} />}
      <p className={description ? '' : 'muted'}>{description ? shorten(description) : 'No description.'}</p>
    </article>
  );
}
