package apis

import (
	"context"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// PoliciesOf are op's mediation policies (none when never set).
func PoliciesOf(op *ent.APIOperation) config.OperationPolicies {
	if op.Policies == nil {
		return config.OperationPolicies{}
	}
	return config.OperationPolicies(*op.Policies)
}

// storedPolicies is p as stored on a resource; nil for none.
func storedPolicies(p *config.OperationPolicies) *fieldtype.OperationPolicies {
	if p == nil || p.Empty() {
		return nil
	}
	stored := fieldtype.OperationPolicies(*p)
	return &stored
}

// OperationUpdate changes a resource's gateway settings; nil fields stay.
type OperationUpdate struct {
	// Method and Target move the resource (see moveOperation).
	Method       *string
	Target       *string
	AuthRequired *bool
	Scopes       *[]string
	// Tier is an API- or subscription-level tier of the organization that
	// limits the resource for all callers ("" removes it).
	Tier              *string
	RequestValidation *bool
	// Policies replace the resource's mediation policies (empty: none).
	Policies *config.OperationPolicies
}

var scopeToken = regexp.MustCompile(`^[\x21\x23-\x5b\x5d-\x7e]{1,100}$`) // RFC 6749 scope-token

// cleanScopes drops blank scopes and refuses invalid ones.
func cleanScopes(in []string) ([]string, error) {
	scopes := []string{}
	for _, sc := range in {
		sc = strings.TrimSpace(sc)
		if sc == "" {
			continue
		}
		if !scopeToken.MatchString(sc) {
			return nil, errs.Field("scopes", "%q is not a valid OAuth 2.0 scope", sc)
		}
		scopes = append(scopes, sc)
	}
	if len(scopes) > 20 {
		return nil, errs.Field("scopes", "at most 20 scopes")
	}
	return scopes, nil
}

// UpdateOperation edits one resource of the working copy; the gateway
// enforces it once a revision holding it is deployed.
func (s *Service) UpdateOperation(ctx context.Context, id uuid.UUID, in OperationUpdate) (_ *ent.APIOperation, err error) {
	defer errs.Wrap(&err, "update resource %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	var scopes []string
	if in.Scopes != nil {
		if scopes, err = cleanScopes(*in.Scopes); err != nil {
			return nil, err
		}
	}
	var method apioperation.Method
	var target string
	if in.Method != nil {
		if method, err = normalizeMethod(*in.Method); err != nil {
			return nil, err
		}
	}
	if in.Target != nil {
		target = strings.TrimSpace(*in.Target)
		if err := ValidateTarget(target); err != nil {
			return nil, err
		}
	}
	var policies *config.OperationPolicies
	if in.Policies != nil {
		p, err := in.Policies.Validate()
		if err != nil {
			if pe, ok := err.(*config.PolicyError); ok {
				return nil, errs.Field("policies."+pe.Field, "%s", pe.Message)
			}
			return nil, errs.Field("policies", "%v", err)
		}
		policies = &p
	}
	var updated *ent.APIOperation
	err = s.tx(ctx, func(tx *ent.Tx) error {
		op, a, err := ownedOperation(ctx, tx, v, id)
		if err != nil {
			return err
		}
		u := op.Update()
		if method == "" {
			method = op.Method
		}
		if target == "" {
			target = op.Target
		}
		if method != op.Method || target != op.Target {
			if err := moveOperation(ctx, tx, a, op, method, target); err != nil {
				return err
			}
			u.SetMethod(method).SetTarget(target)
		}
		if in.AuthRequired != nil {
			u.SetAuthRequired(*in.AuthRequired)
		}
		if in.Scopes != nil {
			if err := ensureScopes(ctx, tx, op.APIID, scopes); err != nil {
				return err
			}
			u.SetScopes(scopes)
		}
		if in.Tier != nil {
			tier := strings.TrimSpace(*in.Tier)
			if tier != "" {
				ok, err := tx.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(v.OrgID), throttlingtier.Name(tier),
					throttlingtier.LevelIn(throttlingtier.LevelAPI, throttlingtier.LevelSUBSCRIPTION)).Exist(ctx)
				if err != nil {
					return err
				}
				if !ok {
					return errs.Field("throttlingTier", "the organization has no API or subscription tier named %q", tier)
				}
			}
			u.SetThrottlingTier(tier)
		}
		if in.RequestValidation != nil {
			u.SetRequestValidation(*in.RequestValidation)
		}
		if policies != nil {
			if policies.Empty() {
				u.ClearPolicies()
			} else {
				stored := fieldtype.OperationPolicies(*policies)
				u.SetPolicies(&stored)
			}
		}
		if updated, err = u.Save(ctx); err != nil {
			return err
		}
		details := map[string]string{"resource": method.String() + " " + target}
		if method != op.Method || target != op.Target {
			details["from"] = op.Method.String() + " " + op.Target
		}
		return audit.Record(ctx, tx, v.OrgID, "api.resource.update", "API", op.APIID.String(), details)
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}
