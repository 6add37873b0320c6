package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
)

func sourceOf(in *model.DefinitionSourceInput) apis.Source {
	if in == nil {
		return apis.Source{}
	}
	return apis.Source{Content: deref(in.Content), URL: deref(in.URL)}
}

// reportOf turns a parsed definition into its GraphQL report.
func reportOf(d *definition.Definition) *model.DefinitionReport {
	r := &model.DefinitionReport{
		Valid: d.Valid(), Servers: d.Servers,
		SpecVersion: nonEmpty(d.SpecVersion), Title: nonEmpty(d.Title),
		Version: nonEmpty(d.Version), Description: nonEmpty(d.Description),
		Operations: make([]*model.DefinitionOperation, len(d.Operations)),
		Problems:   make([]*model.DefinitionProblem, len(d.Problems)),
	}
	if r.Servers == nil {
		r.Servers = []string{}
	}
	if d.Kind != "" {
		k := model.DefinitionKind(d.Kind)
		r.Kind = &k
	}
	for i, op := range d.Operations {
		r.Operations[i] = operationOf(op)
	}
	for i, p := range d.Problems {
		r.Problems[i] = &model.DefinitionProblem{Severity: p.Severity, Message: p.Message,
			Pointer: nonEmpty(p.Pointer), Line: p.Line, Column: p.Column}
	}
	return r
}

func operationOf(op definition.Operation) *model.DefinitionOperation {
	scopes := op.Scopes
	if scopes == nil {
		scopes = []string{}
	}
	return &model.DefinitionOperation{Method: op.Method, Target: op.Target,
		OperationID: nonEmpty(op.OperationID), Summary: nonEmpty(op.Summary), Scopes: scopes, Secured: op.Secured}
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
