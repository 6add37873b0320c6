package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/gateway/config"
)

func nameValuesOf(l []config.NameValue) []*model.NameValue {
	out := make([]*model.NameValue, 0, len(l))
	for _, nv := range l {
		out = append(out, &model.NameValue{Name: nv.Name, Value: nv.Value})
	}
	return out
}

func nameValuesIn(l []*model.NameValueInput) []config.NameValue {
	var out []config.NameValue
	for _, nv := range l {
		if nv != nil {
			out = append(out, config.NameValue{Name: nv.Name, Value: nv.Value})
		}
	}
	return out
}

func policiesOf(p config.OperationPolicies) *model.OperationPolicies {
	return &model.OperationPolicies{
		SetRequestHeaders: nameValuesOf(p.SetRequestHeaders), RemoveRequestHeaders: nonNilStrings(p.RemoveRequestHeaders),
		SetQueryParams: nameValuesOf(p.SetQueryParams), RemoveQueryParams: nonNilStrings(p.RemoveQueryParams),
		RewritePath: p.RewritePath, ContentTypes: nonNilStrings(p.ContentTypes),
		SetResponseHeaders: nameValuesOf(p.SetResponseHeaders), RemoveResponseHeaders: nonNilStrings(p.RemoveResponseHeaders),
	}
}

func operationUpdateOf(in model.UpdateAPIOperationInput) apis.OperationUpdate {
	u := apis.OperationUpdate{Method: in.Method, Target: in.Target, AuthRequired: in.AuthRequired, Scopes: optStrings(in.Scopes), Tier: in.ThrottlingTier,
		RequestValidation: in.RequestValidation}
	if p := in.Policies; p != nil {
		u.Policies = &config.OperationPolicies{
			SetRequestHeaders: nameValuesIn(p.SetRequestHeaders), RemoveRequestHeaders: p.RemoveRequestHeaders,
			SetQueryParams: nameValuesIn(p.SetQueryParams), RemoveQueryParams: p.RemoveQueryParams,
			RewritePath: deref(p.RewritePath), ContentTypes: p.ContentTypes,
			SetResponseHeaders: nameValuesIn(p.SetResponseHeaders), RemoveResponseHeaders: p.RemoveResponseHeaders,
		}
	}
	return u
}
