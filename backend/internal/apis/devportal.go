package apis

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/gatehouse/gatehouse/backend/internal/apisearch"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/rating"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/google/uuid"
)

// CatalogueSort orders the Developer Portal's catalogue.
type CatalogueSort string

// Catalogue orders.
const (
	SortName   CatalogueSort = "NAME"
	SortNewest CatalogueSort = "NEWEST"
	SortRating CatalogueSort = "RATING"
)

// MaxCatalogueScan bounds how many matching APIs one catalogue request
// reads to count facets and sort by rating; an organization's portal holds
// far fewer published APIs than this.
const MaxCatalogueScan = 2000

// CatalogueQuery is what a consumer asks the portal's catalogue: a search
// (package apisearch), tags and categories that must all be present, an
// order and a page size.
type CatalogueQuery struct {
	Search     string
	Tags       []string
	Categories []string
	Sort       CatalogueSort
	First      int
}

// Facet is a tag or category with how many of the searched APIs carry it.
type Facet struct {
	Name  string
	Count int
}

// Catalogue is one page of the portal's catalogue, with the tags and
// categories of every API the search matched (before the tag and category
// filters), so the chips show what narrowing is possible.
type Catalogue struct {
	APIs       []*ent.API
	TotalCount int
	Tags       []Facet
	Categories []Facet
}

// catalogueStatus is what the Developer Portal lists: APIs consumers can
// subscribe to or still use. Prototypes and blocked, retired or unpublished
// APIs are not in the catalogue, even for publishers.
func catalogueStatus() []api.LifecycleStatus {
	return []api.LifecycleStatus{api.LifecycleStatusPUBLISHED, api.LifecycleStatusDEPRECATED}
}

// Catalogue searches the published and deprecated APIs the viewer may see
// (visibility by role applies as in Query).
func (s *Service) Catalogue(ctx context.Context, in CatalogueQuery) (*Catalogue, error) {
	q, err := apisearch.Parse(in.Search)
	if err != nil {
		return nil, errs.Field("query", "%v", err)
	}
	if in.First == 0 {
		in.First = 50
	}
	if in.First < 0 || in.First > MaxPageSize {
		return nil, errs.Field("first", "a page holds 1 to %d APIs", MaxPageSize)
	}
	switch in.Sort {
	case "":
		in.Sort = SortName
	case SortName, SortNewest, SortRating:
	default:
		return nil, errs.Field("sort", "unknown order %q", in.Sort)
	}
	query := s.Query(ctx).Where(api.LifecycleStatusIn(catalogueStatus()...)).WithCategories()
	if p := q.Predicate(); p != nil {
		query = query.Where(p)
	}
	matched, err := query.Order(ent.Asc(api.FieldName), ent.Asc(api.FieldVersion)).Limit(MaxCatalogueScan).All(ctx)
	if err != nil {
		return nil, err
	}
	out := &Catalogue{}
	tagCount, catCount := map[string]int{}, map[string]int{}
	wantTags := make([]string, 0, len(in.Tags))
	for _, t := range in.Tags {
		wantTags = append(wantTags, strings.ToLower(strings.TrimSpace(t)))
	}
	var kept []*ent.API
	for _, a := range matched {
		cats := categoryNames(a)
		for _, t := range a.Tags {
			tagCount[t]++
		}
		for _, c := range cats {
			catCount[c]++
		}
		if containsAll(a.Tags, wantTags, false) && containsAll(cats, in.Categories, true) {
			kept = append(kept, a)
		}
	}
	out.Tags, out.Categories = facets(tagCount), facets(catCount)
	if err := s.sortCatalogue(ctx, kept, in.Sort); err != nil {
		return nil, err
	}
	out.TotalCount = len(kept)
	if len(kept) > in.First {
		kept = kept[:in.First]
	}
	out.APIs = kept
	return out, nil
}

// CatalogueAPI returns one API of the portal's catalogue, or NOT_FOUND when
// it is not published or deprecated or the viewer may not see it.
func (s *Service) CatalogueAPI(ctx context.Context, id uuid.UUID) (*ent.API, error) {
	a, err := s.Query(ctx).Where(api.ID(id), api.LifecycleStatusIn(catalogueStatus()...)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "API %s not found", id)
	}
	return a, err
}

func categoryNames(a *ent.API) []string {
	names := make([]string, 0, len(a.Edges.Categories))
	for _, c := range a.Edges.Categories {
		names = append(names, c.Name)
	}
	return names
}

// containsAll reports whether have holds every one of want.
func containsAll(have, want []string, fold bool) bool {
	for _, w := range want {
		if !slices.ContainsFunc(have, func(h string) bool {
			return h == w || (fold && strings.EqualFold(h, w))
		}) {
			return false
		}
	}
	return true
}

// facets orders counts by count, then name.
func facets(counts map[string]int) []Facet {
	out := make([]Facet, 0, len(counts))
	for n, c := range counts {
		out = append(out, Facet{Name: n, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (s *Service) sortCatalogue(ctx context.Context, list []*ent.API, by CatalogueSort) error {
	switch by {
	case SortNewest:
		sort.SliceStable(list, func(i, j int) bool { return list[i].CreatedAt.After(list[j].CreatedAt) })
	case SortRating:
		ids := make([]uuid.UUID, len(list))
		for i, a := range list {
			ids[i] = a.ID
		}
		var rows []struct {
			APIID uuid.UUID `json:"api_id"`
			Sum   int       `json:"sum"`
			Count int       `json:"count"`
		}
		err := s.client.Rating.Query().Where(rating.APIIDIn(ids...)).GroupBy(rating.FieldAPIID).
			Aggregate(ent.Sum(rating.FieldStars), ent.Count()).Scan(ctx, &rows)
		if err != nil {
			return err
		}
		avg, count := map[uuid.UUID]float64{}, map[uuid.UUID]int{}
		for _, r := range rows {
			if r.Count > 0 {
				avg[r.APIID], count[r.APIID] = float64(r.Sum)/float64(r.Count), r.Count
			}
		}
		// Best average first; more ratings break ties; unrated last.
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i].ID, list[j].ID
			if avg[a] != avg[b] {
				return avg[a] > avg[b]
			}
			return count[a] > count[b]
		})
	}
	return nil
}

// GatewayEndpoint is where consumers call an API in one environment.
type GatewayEndpoint struct {
	Environment string
	DisplayName string
	URL         string
	// VirtualHost is the host the deployment answers on ("" for any).
	VirtualHost string
}

// GatewayEndpoints lists, per environment the API is deployed to, its
// gateway URL ({gateway}/{context}/{version}). A deployment on a virtual
// host is called at that host instead (http(s)://host[:port]), with the
// scheme of the environment's gateway URL.
func (s *Service) GatewayEndpoints(ctx context.Context, a *ent.API) ([]GatewayEndpoint, error) {
	deps, err := s.client.Deployment.Query().Where(deployment.APIID(a.ID)).WithEnvironment().All(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Edges.Environment.Name < deps[j].Edges.Environment.Name })
	out := make([]GatewayEndpoint, 0, len(deps))
	for _, d := range deps {
		e := d.Edges.Environment
		base := strings.TrimRight(e.GatewayURL, "/")
		if d.VirtualHost != "" {
			vh := config.VirtualHost{Host: d.VirtualHost}
			for _, h := range e.VirtualHosts {
				if h.Host == d.VirtualHost {
					vh = config.VirtualHost(h)
				}
			}
			base = VirtualHostURLs(e.GatewayURL, vh)[0]
		}
		if base == "" {
			continue
		}
		out = append(out, GatewayEndpoint{
			Environment: e.Name, DisplayName: e.DisplayName, VirtualHost: d.VirtualHost,
			URL: base + "/" + a.Context + "/" + a.Version,
		})
	}
	return out, nil
}

// OfferedTiers returns the subscription tiers consumers may choose for a,
// fewest requests first.
func (s *Service) OfferedTiers(ctx context.Context, a *ent.API) ([]*ent.ThrottlingTier, error) {
	if len(a.SubscriptionTiers) == 0 {
		return []*ent.ThrottlingTier{}, nil
	}
	return s.client.ThrottlingTier.Query().
		Where(throttlingtier.OrganizationID(a.OrganizationID), throttlingtier.LevelEQ(throttlingtier.LevelSUBSCRIPTION),
			throttlingtier.NameIn(a.SubscriptionTiers...)).
		Order(ent.Asc(throttlingtier.FieldRequestCount), ent.Asc(throttlingtier.FieldName)).All(ctx)
}
