# Gatehouse: `make run` builds everything and starts the all-in-one with demo
# data; `make test` runs every test (Go, frontend, browser e2e).

# The Go toolchain of go.mod's toolchain line: go1.26.11 carries the
# standard-library fixes govulncheck asks for (crypto/tls, crypto/x509,
# net/http, html/template) over the machine's go1.26.8. The machine's Go
# is GOTOOLCHAIN=local and ignores that line, so it is exported here (and
# in .ci/run); the go command fetches it from the module proxy once.
export GOTOOLCHAIN ?= go1.26.11

GO        ?= go
NPM       ?= npm
DATA_DIR  ?= ./data
GOFLAGS_TEST ?= -race -count=1 -timeout 25m

.PHONY: run build build-ui build-go test test-go test-ui test-e2e generate \
        check-generated migration bench bench-gateway loadtest clean security

run: build
	./bin/gatehouse serve --demo --data-dir $(DATA_DIR)

build: build-ui build-go

# npm ci only when the lock file changed since the last install.
node_modules/.installed: package-lock.json package.json frontend/package.json e2e/package.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

build-ui: node_modules/.installed
	$(NPM) run build

# The UI is embedded with go:embed, so the Go build comes after it.
build-go:
	$(GO) build -trimpath -o bin/gatehouse ./backend/cmd/gatehouse
	$(GO) build -trimpath -o bin/gatehouse-gateway ./gateway/cmd/gatehouse-gateway

test: check-generated test-go test-ui test-e2e security

# govulncheck (offline database built from the pinned x/vulndb module),
# gosec (.gosec.json) and npm audit --omit=dev; see scripts/security.sh.
# Tools and the database are cached in ~/.cache/gatehouse-tools.
security:
	GO=$(GO) NPM=$(NPM) scripts/security.sh

test-go:
	$(GO) vet ./...
	$(GO) test $(GOFLAGS_TEST) ./...

test-ui: node_modules/.installed
	$(NPM) test

test-e2e: build
	GATEHOUSE_BIN=$(CURDIR)/bin/gatehouse $(NPM) run test:e2e

# One generation chain: ent (models, ent.graphqls), gqlgen, then the SPA's
# GraphQL types.
generate: node_modules/.installed
	$(GO) generate ./...
	$(NPM) run codegen

# Regenerates everything and fails if the committed code differs.
check-generated: generate
	@changes=$$(git status --porcelain -- ent schema backend/internal/graph frontend/src/gql go.mod go.sum); \
	if [ -n "$$changes" ]; then \
		echo "Generated code is out of date; run 'make generate' and commit:"; echo "$$changes"; \
		git --no-pager diff --stat -- ent schema backend/internal/graph frontend/src/gql; exit 1; \
	fi
	@echo "generated code is up to date"

# A new versioned migration from the ent schema: make migration NAME=add_x
migration:
	@test -n "$(NAME)" || (echo "usage: make migration NAME=short_name" && exit 2)
	$(GO) run -mod=mod ./ent/diff.go $(NAME)

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./gateway/... ./backend/internal/apis/definition/

# Side-by-side gateway benchmark on loopback (backend, nginx, httputil,
# gateway with and without policies): prints req/s and p50/p99 ratios.
bench-gateway:
	gateway/bench/run.sh

# Loopback load test with wrk against a freshly started all-in-one.
loadtest: build-go
	gateway/bench/loadtest.sh

clean:
	rm -rf bin frontend/dist/assets frontend/dist/index.html node_modules/.installed
