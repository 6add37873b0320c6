package samples

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPizzaMenu(t *testing.T) {
	h := PizzaMenu()
	tests := []struct {
		name, body, want string
	}{
		{"list with alias and fragment", `{"query":"{ all: pizzas { name ...P } } fragment P on Pizza { vegetarian }"}`, `"all":[{"name":"Chicken Parmesan","vegetarian":false}`},
		{"one by variable", `{"query":"query($n: String!) { pizza(name: $n) { price } }","variables":{"n":"Garden Fresh"}}`, `{"data":{"pizza":{"price":9.99}}}`},
		{"unknown pizza", `{"query":"{ pizza(name: \"Hawaii\") { price } }"}`, `{"data":{"pizza":null}}`},
		{"invalid field", `{"query":"{ pizzas { toppings } }"}`, `Cannot query field \"toppings\"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tt.body)))
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("got %d %s, want 200 containing %s", rec.Code, rec.Body, tt.want)
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Errorf("not JSON: %s", rec.Body)
			}
		})
	}
}
