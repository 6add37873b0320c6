package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/backend/internal/roles"
)

// WithRoles enables the roles and user administration API.
func (r *Resolver) WithRoles(s *roles.Service) *Resolver {
	r.roles = s
	return r
}

func roleDefinition(d roles.Role, err error) (*model.RoleDefinition, error) {
	if err != nil {
		return nil, err
	}
	return &model.RoleDefinition{Name: d.Name, Description: d.Description, Permissions: d.Permissions,
		BuiltIn: d.BuiltIn, UserCount: d.UserCount}, nil
}

func roleInput(in model.RoleInput) roles.Input {
	return roles.Input{Name: in.Name, Description: deref(in.Description), Permissions: in.Permissions}
}
