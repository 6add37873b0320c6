package apis

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// validateCreate checks a new API's fields, in form order, and returns the
// normalized context.
func validateCreate(in CreateInput) (string, error) {
	if err := validateName(in.Name); err != nil {
		return "", err
	}
	ctx, err := config.NormalizeContext(in.Context)
	if err != nil {
		return "", errs.Field("context", "%v", err)
	}
	if err := config.ValidateVersion(in.Version); err != nil {
		return "", errs.Field("version", "%v", err)
	}
	// An async API may be stored before its broker is known; it cannot be
	// deployed until it has an endpoint.
	// A product proxies to its operations' own APIs.
	if (in.Type != api.TypeASYNC && in.Type != api.TypePRODUCT) || in.Endpoint != "" {
		if err := config.ValidateEndpoint(in.Endpoint); err != nil {
			return "", errs.Field("endpoint", "%v", err)
		}
	}
	if utf8.RuneCountInString(in.Description) > 5000 {
		return "", errs.Field("description", "description is longer than 5000 characters")
	}
	seen := map[string]bool{}
	for _, op := range in.Operations {
		if apioperation.MethodValidator(apiOperationMethod(op.Method)) != nil {
			return "", errs.Field("operations", "unsupported method %q", op.Method)
		}
		if !strings.HasPrefix(op.Target, "/") {
			return "", errs.Field("operations", "resource %q must start with /", op.Target)
		}
		key := op.Method + " " + op.Target
		if op.SOAPAction != "" {
			key += " (SOAPAction " + op.SOAPAction + ")"
		}
		if seen[key] {
			return "", errs.Field("operations", "resource %s is listed twice", key)
		}
		seen[key] = true
	}
	return ctx, nil
}

func validateName(name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return errs.Field("name", "name is required")
	case n > 100:
		return errs.Field("name", "name is longer than 100 characters")
	}
	return nil
}

// checkContextFree enforces that a context belongs to one API (all its
// versions share the name) and that a context and version pair is unused.
// version may be empty to check the name alone; self is left out.
func checkContextFree(ctx context.Context, tx *ent.Tx, name, context, version string, self uuid.UUID) error {
	others, err := tx.API.Query().Where(api.Context(context), api.IDNEQ(self)).All(ctx)
	if err != nil {
		return err
	}
	for _, o := range others {
		if version != "" && o.Version == version {
			return &errs.Error{Kind: errs.Conflict, Field: "version",
				Message: "version " + version + " of /" + context + " already exists"}
		}
		if o.Name != name {
			return &errs.Error{Kind: errs.Conflict, Field: "context",
				Message: "context /" + context + " is used by the API " + o.Name}
		}
	}
	return nil
}

func apiOperationMethod(m string) apioperation.Method {
	return apioperation.Method(strings.ToUpper(m))
}
