package apis

import (
	"context"
	"regexp"
	"strings"

	"github.com/gatehouse/gatehouse/backend/internal/apis/compat"
	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
)

// PreviousVersion is the version of a's API created just before a, or nil.
func (s *Service) PreviousVersion(ctx context.Context, a *ent.API) (*ent.API, error) {
	prev, err := s.client.API.Query().
		Where(api.Context(a.Context), api.OrganizationID(a.OrganizationID), api.IDNEQ(a.ID), api.CreatedAtLT(a.CreatedAt)).
		Order(ent.Desc(api.FieldCreatedAt)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return prev, err
}

// BreakingChanges lists what consumers of the previous version would find
// broken in a: from the two OpenAPI definitions when both have one (removed
// operations, new required parameters, narrowed types), and resources
// removed from the resource table either way.
func (s *Service) BreakingChanges(ctx context.Context, a *ent.API) ([]compat.Change, error) {
	prev, err := s.PreviousVersion(ctx, a)
	if err != nil || prev == nil {
		return []compat.Change{}, err
	}
	out := []compat.Change{}
	if isOpenAPI(prev) && isOpenAPI(a) {
		// Definitions were validated on import; one that no longer loads is
		// compared by its resources only.
		before, err1 := definition.LoadOpenAPI(ctx, []byte(prev.Definition), prev.DefinitionType == api.DefinitionTypeOAS2)
		after, err2 := definition.LoadOpenAPI(ctx, []byte(a.Definition), a.DefinitionType == api.DefinitionTypeOAS2)
		if err1 == nil && err2 == nil {
			out = append(out, compat.Breaking(before, after)...)
		}
	}
	reported := map[string]bool{}
	for _, c := range out {
		if c.Kind == compat.OperationRemoved {
			reported[blankParams(c.Operation)] = true
		}
	}
	removed, err := s.removedOperations(ctx, prev, a)
	if err != nil {
		return nil, err
	}
	for _, op := range removed {
		if !reported[blankParams(op)] {
			out = append(out, compat.Change{Kind: compat.OperationRemoved, Operation: op, Message: "the resource was removed"})
		}
	}
	return out, nil
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

func blankParams(op string) string { return strings.ToUpper(pathParam.ReplaceAllString(op, "{}")) }

func isOpenAPI(a *ent.API) bool {
	return a.Definition != "" && (a.DefinitionType == api.DefinitionTypeOAS2 || a.DefinitionType == api.DefinitionTypeOAS3)
}
