package apis

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
)

// Adding, moving and deleting an API's resources in the publisher. The
// gateway serves only the method and path templates an API's resources
// cover (hole 3), so every API needs resources, and a publisher must be
// able to give them to any API, not only through its definition. Resources
// are matched on method and path, as replaceDefinition matches them, and an
// OpenAPI definition follows each change so the export, request validation
// and the next definition edit agree with the resource table.

// DefaultResourceMethods are the resources an HTTP API created from scratch
// starts with, each on /* and requiring a token, as WSO2's publisher does:
// secure by default, and narrowed by the publisher from there.
var DefaultResourceMethods = []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodPatch}

// defaultResources are the resources of a new HTTP API without a
// definition: every method and path, authenticated, no scopes, no
// resource tier (the subscription's tier limits the caller), as an
// imported operation starts.
func defaultResources() []OperationInput {
	ops := make([]OperationInput, 0, len(DefaultResourceMethods))
	for _, m := range DefaultResourceMethods {
		ops = append(ops, OperationInput{Method: m, Target: "/*", AuthRequired: true})
	}
	return ops
}

// NewOperation is a resource a publisher adds to an API.
type NewOperation struct {
	Method string
	Target string
	// AuthRequired defaults to true: a new resource needs a token unless
	// the publisher opens it.
	AuthRequired *bool
	Scopes       []string
	Tier         string
}

// MaxTargetLength bounds a resource's path template.
const MaxTargetLength = 1000

var (
	// templateSegment is one path segment of a resource: literal pchar
	// characters (RFC 3986) without '%' (no encoded slashes, dots or
	// anything the gateway would decode differently), a whole-segment
	// parameter {name}, or a final '*' for any sub-path.
	literalSegment = regexp.MustCompile(`^[A-Za-z0-9\-._~!$&'()+,;=:@]+$`)
	paramSegment   = regexp.MustCompile(`^\{([A-Za-z_][A-Za-z0-9_.\-]{0,63})\}$`)
)

// normalizeMethod checks method against the methods a resource may have.
func normalizeMethod(method string) (apioperation.Method, error) {
	m := apiOperationMethod(strings.TrimSpace(method))
	if m == "" {
		return "", errs.Field("method", "method is required")
	}
	if apioperation.MethodValidator(m) != nil {
		return "", errs.Field("method", "method %q is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS", method)
	}
	return m, nil
}

// ValidateTarget checks a resource's path template as the gateway's router
// reads it: it starts with '/', its segments are literals, whole-segment
// {name} parameters (each name once) or a final '*', and it has no empty,
// '.' or '..' segments and no percent-encoding, so no template can reach
// around the router's segment matching.
func ValidateTarget(target string) error {
	if target == "" {
		return errs.Field("target", "path is required")
	}
	if len(target) > MaxTargetLength {
		return errs.Field("target", "path is longer than %d characters", MaxTargetLength)
	}
	if !strings.HasPrefix(target, "/") {
		return errs.Field("target", "path %q must start with /", target)
	}
	if target == "/" {
		return nil
	}
	if strings.HasSuffix(target, "/") {
		return errs.Field("target", "path %q must not end with /", target)
	}
	segs := strings.Split(target[1:], "/")
	names := map[string]bool{}
	for i, s := range segs {
		switch {
		case s == "":
			return errs.Field("target", "path %q has an empty segment (//)", target)
		case s == "." || s == "..":
			return errs.Field("target", "path %q must not have . or .. segments", target)
		case s == "*":
			if i != len(segs)-1 {
				return errs.Field("target", "path %q: * (any sub-path) may only be the last segment", target)
			}
		case strings.ContainsAny(s, "{}"):
			m := paramSegment.FindStringSubmatch(s)
			if m == nil {
				return errs.Field("target", "path %q: segment %q must be a whole parameter like {id} (letters, digits, _ . -; starting with a letter or _)", target, s)
			}
			if names[m[1]] {
				return errs.Field("target", "path %q names the parameter {%s} twice", target, m[1])
			}
			names[m[1]] = true
		case strings.Contains(s, "%"):
			return errs.Field("target", "path %q must not be percent-encoded (no encoded slashes or dots)", target)
		case !literalSegment.MatchString(s):
			return errs.Field("target", "path %q: segment %q may hold only letters, digits and - . _ ~ ! $ & ' ( ) + , ; = : @", target, s)
		}
	}
	return nil
}

// routeKey is what the router matches a resource on: the method and the
// path template with its parameter names blanked ("/a/{x}" and "/a/{y}"
// route the same calls), with the SOAPAction a SOAP resource answers.
func routeKey(method, target, action string) string {
	return blankParams(method+" "+target) + " " + action
}

// checkTier refuses a resource tier the organization does not have.
func checkTier(ctx context.Context, tx *ent.Tx, org uuid.UUID, tier string) error {
	if tier == "" {
		return nil
	}
	ok, err := tx.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(org), throttlingtier.Name(tier),
		throttlingtier.LevelIn(throttlingtier.LevelAPI, throttlingtier.LevelSUBSCRIPTION)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Field("throttlingTier", "the organization has no API or subscription tier named %q", tier)
	}
	return nil
}

// checkRouteFree refuses a method and path another resource of the API
// (other than self) already routes.
func checkRouteFree(ctx context.Context, tx *ent.Tx, apiID, self uuid.UUID, method apioperation.Method, target string) error {
	ops, err := tx.APIOperation.Query().Where(apioperation.APIID(apiID), apioperation.IDNEQ(self), apioperation.SoapAction("")).All(ctx)
	if err != nil {
		return err
	}
	want := routeKey(method.String(), target, "")
	for _, op := range ops {
		if routeKey(op.Method.String(), op.Target, op.SoapAction) == want {
			return errs.Field("target", "the API already has the resource %s %s", op.Method, op.Target)
		}
	}
	return nil
}

// editDefinition applies edit to a's stored OpenAPI definition and checks
// the result still parses as a valid definition; other kinds (and APIs
// without a definition) are left alone, their resources not being listed
// in the definition.
func editDefinition(ctx context.Context, a *ent.API, edit func([]byte) ([]byte, error)) (string, bool, error) {
	if !isOpenAPI(a) {
		return "", false, nil
	}
	out, err := edit([]byte(a.Definition))
	if errors.Is(err, definition.ErrNotEditable) {
		return "", false, errs.Field("target", "%v", err)
	} else if err != nil {
		return "", false, err
	}
	def, err := definition.Parse(ctx, out)
	if err != nil {
		return "", false, err
	}
	if !def.Valid() {
		return "", false, errs.Field("target", "the definition would become invalid: %s", firstError(def))
	}
	return string(out), true, nil
}

// AddOperation adds a resource to an API's working copy (and its OpenAPI
// definition); the gateway serves it once a revision holding it is
// deployed.
func (s *Service) AddOperation(ctx context.Context, apiID uuid.UUID, in NewOperation) (_ *ent.APIOperation, err error) {
	defer errs.Wrap(&err, "add a resource to API %s", apiID)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	method, err := normalizeMethod(in.Method)
	if err != nil {
		return nil, err
	}
	target := strings.TrimSpace(in.Target)
	if err := ValidateTarget(target); err != nil {
		return nil, err
	}
	scopes, err := cleanScopes(in.Scopes)
	if err != nil {
		return nil, err
	}
	auth := true
	if in.AuthRequired != nil {
		auth = *in.AuthRequired
	}
	tier := strings.TrimSpace(in.Tier)
	var created *ent.APIOperation
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, apiID)
		if err != nil {
			return err
		}
		if a.Type == api.TypePRODUCT {
			return errs.E(errs.Invalid, "%s is an API product: choose its operations from your APIs instead", a.Name)
		}
		if err := checkRouteFree(ctx, tx, apiID, uuid.Nil, method, target); err != nil {
			return err
		}
		if err := checkTier(ctx, tx, v.OrgID, tier); err != nil {
			return err
		}
		if err := ensureScopes(ctx, tx, apiID, scopes); err != nil {
			return err
		}
		text, changed, err := editDefinition(ctx, a, func(d []byte) ([]byte, error) {
			return definition.AddOperation(d, method.String(), target)
		})
		if err != nil {
			return err
		}
		if changed {
			if err := a.Update().SetDefinition(text).Exec(ctx); err != nil {
				return err
			}
		}
		if created, err = tx.APIOperation.Create().SetAPIID(apiID).SetMethod(method).SetTarget(target).
			SetAuthRequired(auth).SetScopes(scopes).SetThrottlingTier(tier).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.resource.add", "API", apiID.String(),
			map[string]string{"resource": method.String() + " " + target})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// moveOperation checks that op (of a) may take method and target, keeping
// its settings and its ID (which API products link to), and moves an
// OpenAPI definition's operation with it; the caller saves the resource.
func moveOperation(ctx context.Context, tx *ent.Tx, a *ent.API, op *ent.APIOperation, method apioperation.Method, target string) error {
	if a.Type == api.TypePRODUCT || op.SoapAction != "" {
		return errs.Field("target", "resource %s %s follows its source; it cannot be moved", op.Method, op.Target)
	}
	if err := checkRouteFree(ctx, tx, a.ID, op.ID, method, target); err != nil {
		return err
	}
	text, changed, err := editDefinition(ctx, a, func(d []byte) ([]byte, error) {
		return definition.MoveOperation(d, op.Method.String(), op.Target, method.String(), target)
	})
	if err != nil || !changed {
		return err
	}
	return a.Update().SetDefinition(text).Exec(ctx)
}

// DeleteOperation removes a resource from an API's working copy (and its
// OpenAPI definition). A resource an API product bundles is kept: deleting
// it would leave the product's operation proxying to nothing, so the
// publisher removes it from the product first.
func (s *Service) DeleteOperation(ctx context.Context, id uuid.UUID) (err error) {
	defer errs.Wrap(&err, "delete resource %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *ent.Tx) error {
		op, a, err := ownedOperation(ctx, tx, v, id)
		if err != nil {
			return err
		}
		products, err := tx.API.Query().
			Where(api.HasOperationsWith(apioperation.SourceOperationID(id))).
			Select(api.FieldName).Strings(ctx)
		if err != nil {
			return err
		}
		if len(products) > 0 {
			return errs.E(errs.Conflict, "resource %s %s is bundled by the API product(s) %s; remove it from them first",
				op.Method, op.Target, strings.Join(products, ", "))
		}
		// Another resource may share the method and path (a SOAP action):
		// the definition's operation stays while one of them does.
		shared, err := tx.APIOperation.Query().Where(apioperation.APIID(a.ID), apioperation.IDNEQ(id),
			apioperation.MethodEQ(op.Method), apioperation.Target(op.Target)).Exist(ctx)
		if err != nil {
			return err
		}
		if !shared {
			text, changed, err := editDefinition(ctx, a, func(d []byte) ([]byte, error) {
				return definition.RemoveOperation(d, op.Method.String(), op.Target)
			})
			if err != nil {
				return err
			}
			if changed {
				if err := a.Update().SetDefinition(text).Exec(ctx); err != nil {
					return err
				}
			}
		}
		if err := tx.APIOperation.DeleteOne(op).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.resource.delete", "API", a.ID.String(),
			map[string]string{"resource": op.Method.String() + " " + op.Target})
	})
}

// ownedOperation loads a resource of an API of the viewer's organization;
// another organization's resource is not found, as its API would be.
func ownedOperation(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.APIOperation, *ent.API, error) {
	op, err := tx.APIOperation.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, errs.E(errs.NotFound, "resource %s not found", id)
	} else if err != nil {
		return nil, nil, err
	}
	a, err := ownedAPI(ctx, tx, v, op.APIID)
	if errs.KindOf(err) == errs.NotFound {
		return nil, nil, errs.E(errs.NotFound, "resource %s not found", id)
	}
	return op, a, err
}
