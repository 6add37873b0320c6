package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

// jsonPOST is gqlgen's POST transport behind a JSON check of its own:
// gqlgen's answer to a body it cannot decode quotes the whole body in the
// error, which then reached the logs (a sign-up's password with it). Here
// the error says where the JSON breaks, never what it holds.
type jsonPOST struct{ transport.POST }

func (t jsonPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		// gqlgen reports a body it cannot read (too large) as before.
		r.Body = io.NopCloser(errReader{err})
		t.POST.Do(w, r, exec)
		return
	}
	if off, bad := invalidJSON(body); bad {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		gerr := gqlerror.Errorf("invalid JSON body at byte %d: want {\"query\": ..., \"variables\": {...}}", off)
		gerr.Extensions = map[string]any{"code": errs.Invalid.Code()}
		_ = json.NewEncoder(w).Encode(exec.DispatchError(r.Context(), gqlerror.List{gerr}))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	t.POST.Do(w, r, exec)
}

// invalidJSON decodes body as gqlgen will and, when that fails, returns
// the byte offset of the failure.
func invalidJSON(body []byte) (int64, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var p graphql.RawParams
	err := dec.Decode(&p)
	if err == nil {
		return 0, false
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return syntax.Offset, true
	case errors.As(err, &typ):
		return typ.Offset, true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return int64(len(body)), true // cut short: it breaks at the end
	}
	return dec.InputOffset(), true
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
