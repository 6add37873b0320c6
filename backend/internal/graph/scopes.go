package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
)

// scopeInputOf is the domain input of a scope form.
func scopeInputOf(in model.APIScopeInput) apis.ScopeInput {
	return apis.ScopeInput{Name: deref(in.Name), DisplayName: deref(in.DisplayName), Description: deref(in.Description), Roles: in.Roles}
}
