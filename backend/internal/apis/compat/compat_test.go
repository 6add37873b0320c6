package compat

import (
	"context"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const v1 = `openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
        - {name: sort, in: query, schema: {type: string, enum: [name, age]}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {items: {type: array, items: {type: string}}, next: {type: string}}}
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties: {name: {type: string, maxLength: 100}, age: {type: number}}
      responses: {"201": {description: created}}
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
    delete:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: gone}}
`

// v2 renames {id} (not breaking), drops DELETE, and narrows the rest.
const v2 = `openapi: 3.0.3
info: {title: Pets, version: "2"}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer, maximum: 50}}
        - {name: sort, in: query, schema: {type: string, enum: [name]}}
        - {name: owner, in: header, required: true, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {items: {type: array, items: {type: string}}}}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, species]
              properties: {name: {type: string, maxLength: 50}, age: {type: integer}, species: {type: string}}
      responses: {"201": {description: created}}
  /pets/{petId}:
    get:
      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
`

func load(t *testing.T, s string) *openapi3.T {
	t.Helper()
	l := openapi3.NewLoader()
	l.Context = context.Background()
	doc, err := l.LoadFromData([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestBreaking(t *testing.T) {
	got := Breaking(load(t, v1), load(t, v2))
	want := []Change{
		{OperationRemoved, "DELETE /pets/{id}", "the operation was removed"},
		{RequiredParamAdded, "GET /pets", `new required header parameter "owner"`},
		{RangeNarrowed, "GET /pets", `the query parameter "limit": maximum lowered to 50`},
		{ParamMadeRequired, "GET /pets", `the query parameter "limit" became required`},
		{EnumNarrowed, "GET /pets", `the query parameter "sort": no longer accepts age`},
		{ResponseFieldRemoved, "GET /pets", `the 200 response no longer has the field "next"`},
		{RequiredFieldAdded, "POST /pets", `new required request field "species"`},
		{TypeNarrowed, "POST /pets", `request field "age": type number became integer`},
		{RangeNarrowed, "POST /pets", `request field "name": maxLength lowered to 50`},
		{RequestBodyRequired, "POST /pets", "the request body became required"},
	}
	index := func(cs []Change) map[Change]bool {
		m := map[Change]bool{}
		for _, c := range cs {
			m[c] = true
		}
		return m
	}
	g, w := index(got), index(want)
	for c := range w {
		if !g[c] {
			t.Errorf("missing %+v", c)
		}
	}
	for c := range g {
		if !w[c] {
			t.Errorf("unexpected %+v", c)
		}
	}
}

func TestBreakingNoneForCompatibleChanges(t *testing.T) {
	// Adding an operation, an optional parameter, a response field and
	// widening integer to number break nobody.
	newer := strings.Replace(v1, "age: {type: number}", "age: {type: number}, color: {type: string}", 1)
	newer = strings.Replace(newer, "  /pets/{id}:\n", "  /toys:\n    get:\n      responses: {\"200\": {description: ok}}\n  /pets/{id}:\n", 1)
	if got := Breaking(load(t, v1), load(t, newer)); len(got) != 0 {
		t.Errorf("compatible changes reported as breaking: %+v", got)
	}
	if got := Breaking(load(t, v1), load(t, v1)); len(got) != 0 {
		t.Errorf("identical documents: %+v", got)
	}
}
