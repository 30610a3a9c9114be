# snsconnector: the two commands a newcomer needs are `make demo` and `make test`.
#
# Two Go modules: the library (this directory) and the test harness
# (internal/harness: the emulator launcher, fault injection, reliability,
# conformance and throughput suites, and the pinned tools). The library's
# go.mod lists only what a user's build needs; everything tests need
# beyond that is the harness's. Tools are pinned by `tool` directives in
# internal/harness/go.mod and built into bin/, so after one online run a
# warm module cache is enough (GOPROXY=off works).

GO        ?= go
NPM       ?= npm
HARNESS   := internal/harness
EMU_DIR   := $(HARNESS)/fauxqs/_npm
EMU_STAMP := $(EMU_DIR)/node_modules/.package-lock.json
BIN       := $(CURDIR)/bin
STAGE     := $(CURDIR)/$(HARNESS)/scripts/stage
FUZZTIME  ?= 2s
BENCH_COUNT ?= 10

# gotestsum prints a line per package as it finishes; stage adds a line
# every 20 s for packages that take longer.
GOTEST := $(BIN)/gotestsum --format pkgname --format-hide-empty-pkg --
# Integration tests fail, rather than skip, when the emulator cannot run.
REQUIRE := SNSCONNECTOR_REQUIRE_EMULATOR=1

.PHONY: all demo example test unit lint fuzz soak emulator tools bench bench-client bench-memory bench-throughput clean

all: test

## emulator: install fauxqs from the committed lockfile. With Node 22.5+ on
## PATH that Node runs it; otherwise npm installs the pinned Node 22 package
## for this OS and CPU (an optional dependency).
emulator: $(EMU_STAMP)

$(EMU_STAMP): $(EMU_DIR)/package.json $(EMU_DIR)/package-lock.json
	@omit=; v=$$(node --version 2>/dev/null | sed 's/^v//'); \
	if [ -n "$$v" ] && [ "$$(printf '%s\n' 22.5.0 "$$v" | sort -V | head -1)" = 22.5.0 ]; then \
	  echo "emulator: using Node $$v from PATH"; omit=--omit=optional; fi; \
	$(STAGE) "npm ci (fauxqs)" $(NPM) ci --prefix $(EMU_DIR) $$omit --prefer-offline --no-audit --no-fund --loglevel=error
	@touch $@

## tools: build the harness's commands and the pinned tools into bin/
tools:
	@$(STAGE) "build tools" $(GO) -C $(HARNESS) build -o $(BIN)/ \
	  ./cmd/withemulator ./cmd/repocheck \
	  gotest.tools/gotestsum honnef.co/go/tools/cmd/staticcheck golang.org/x/perf/cmd/benchstat

$(BIN)/withemulator: FORCE
	@$(GO) -C $(HARNESS) build -o $(BIN)/ ./cmd/withemulator
FORCE:

## demo: start the emulator, run the quickstart against it, stop the emulator
demo: emulator $(BIN)/withemulator
	$(BIN)/withemulator -- $(GO) run ./examples/quickstart

## example: run any example against the emulator: make example NAME=fifo ARGS="-n 20"
example: emulator $(BIN)/withemulator
	$(BIN)/withemulator -- $(GO) run ./examples/$(NAME) $(ARGS)

## test: lint, every test of both modules under -race (integration tests
## required), then each fuzz target briefly. A line per stage with its
## duration; see the README for the expected times.
test: emulator tools
	@start=$$(date +%s); set -e; \
	$(MAKE) --no-print-directory lint; \
	$(STAGE) "tests: library" env $(REQUIRE) $(GOTEST) -race -count=1 -timeout 15m ./...; \
	cd $(HARNESS) && $(STAGE) "tests: harness (emulator, conformance, reliability)" env $(REQUIRE) $(GOTEST) -race -count=1 -timeout 15m ./...; \
	cd $(CURDIR) && $(STAGE) "fuzz ($(FUZZTIME) a target)" $(MAKE) --no-print-directory fuzz; \
	echo "make test: all stages passed in $$(( $$(date +%s) - start )) s"

## unit: the tests that need no emulator (integration tests skip)
unit: tools
	FAUXQS_DIR=/nonexistent $(GOTEST) -race ./...
	cd $(HARNESS) && FAUXQS_DIR=/nonexistent $(GOTEST) -race ./...

## lint: gofmt, no tracked binaries, one version per shared module, go vet
## and staticcheck, for both modules
lint: tools
	@$(STAGE) gofmt sh -c 'out=$$(gofmt -l $$(git ls-files "*.go")); [ -z "$$out" ] || { echo "gofmt would change: $$out"; exit 1; }'
	@$(STAGE) repocheck $(BIN)/repocheck
	@$(STAGE) "go vet" sh -c '$(GO) vet ./... && cd $(HARNESS) && $(GO) vet ./...'
	@$(STAGE) staticcheck sh -c '$(BIN)/staticcheck ./... && cd $(HARNESS) && $(BIN)/staticcheck ./...'

## fuzz: run every Fuzz target for FUZZTIME each (seed corpora live in testdata/fuzz).
## Targets are found in the sources, so listing them compiles nothing.
fuzz:
	@set -e; for dir in $$(git ls-files '*_test.go' | xargs grep -l '^func Fuzz' | xargs -n1 dirname | sort -u); do \
	  for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go | sed 's/^func //'); do \
	    echo "    fuzz ./$$dir $$target ($(FUZZTIME))"; \
	    case $$dir in $(HARNESS)/*) mod=$(HARNESS); pkg=./$${dir#$(HARNESS)/};; *) mod=.; pkg=./$$dir;; esac; \
	    GO=$(GO) $(CURDIR)/$(HARNESS)/scripts/fuzzone $$mod $$pkg $$target $(FUZZTIME); \
	  done; \
	done

## soak: the long versions: faults, load and credential expiry at full size, fuzzing a minute a target
soak: emulator tools
	cd $(HARNESS) && $(REQUIRE) SNSCONNECTOR_SOAK=1 $(GO) test -race -count=1 -timeout 120m -v -run 'Integration' ./reliability/
	$(MAKE) --no-print-directory fuzz FUZZTIME=60s

## bench: the connector against the raw SDK on one stub endpoint. Each of the BENCH_COUNT
## rounds runs both in a fresh process, in alternating order, so neither drift on the
## machine nor going first favours one; benchstat puts them side by side.
bench: tools
	@mkdir -p bench
	@rm -f bench/publish.txt
	@for i in $$(seq $(BENCH_COUNT)); do \
		if [ $$((i % 2)) = 1 ]; then order="connector sdk"; else order="sdk connector"; fi; \
		for impl in $$order; do \
			$(GO) test -run='^$$' -bench="^BenchmarkPublish\$$/impl=$$impl\$$" -benchmem -count=1 ./snsconnector/ >> bench/publish.txt || exit 1; \
		done; \
	done
	$(BIN)/benchstat -col /impl bench/publish.txt

## bench-client: the batching paths' client CPU and allocations per message
## on the same stub endpoint (BenchmarkBatchClientCost): the Publisher fed by
## 16 and by 64 goroutines against the raw SDK's PublishBatch of 10 from 16
## goroutines, on a standard topic and on a FIFO topic with 16 groups. As in
## bench, each round runs every case in a fresh process, in alternating order.
CLIENT_N ?= 20000
bench-client: tools
	@mkdir -p bench
	@rm -f bench/client.txt
	$(GO) test -c -o bench/snsconnector.test ./snsconnector/
	@for i in $$(seq $(BENCH_COUNT)); do \
		if [ $$((i % 2)) = 1 ]; then order="publisher-16g publisher-64g sdk-batch-16g"; else order="sdk-batch-16g publisher-64g publisher-16g"; fi; \
		for impl in $$order; do \
			bench/snsconnector.test -test.run='^$$' -test.bench="^BenchmarkBatchClientCost\$$/.*/impl=$$impl\$$" \
				-test.benchmem -test.benchtime=$(CLIENT_N)x >> bench/client.txt || exit 1; \
		done; \
	done
	$(BIN)/benchstat -col /impl bench/client.txt

## bench-memory: the live heap that 100,000 resolved PublishResults of 4 KiB
## messages keep, held by the caller (BenchmarkPublisherHeldResults)
bench-memory: tools
	@mkdir -p bench
	$(GO) test -run='^$$' -bench='^BenchmarkPublisherHeldResults$$' -benchtime=1x -count=$(BENCH_COUNT) ./snsconnector/ > bench/memory.txt
	$(BIN)/benchstat bench/memory.txt

## bench-throughput: msgs/s and client CPU per message through fauxqs, every
## message counted back out of SQS (each FIFO group in order): Publish,
## PublishBatch, the Publisher, the raw SDK's parallel batches and Go CDK on
## a standard topic, and on a FIFO topic with 16 groups the Publisher against
## the raw SDK's goroutine per group, in one run. Each of the
## THROUGHPUT_COUNT runs measures every case once, with a fresh emulator
## warmed up by every case, in a rotated order, so neither a burst of load
## elsewhere nor a case's position favours one case. The emulator shares
## the machine: run it on a quiet one.
THROUGHPUT_N     ?= 20000
THROUGHPUT_COUNT ?= 6
bench-throughput: emulator tools
	@mkdir -p bench
	@rm -f bench/throughput.txt
	cd $(HARNESS) && for i in $$(seq $(THROUGHPUT_COUNT)); do \
		THROUGHPUT_ROTATE=$$i $(GO) test -run='^$$' -bench=BenchmarkThroughput -benchtime=$(THROUGHPUT_N)x -count=1 -timeout=60m ./throughput/ \
			>> $(CURDIR)/bench/throughput.txt || { cat $(CURDIR)/bench/throughput.txt; exit 1; }; \
	done
	$(BIN)/benchstat bench/throughput.txt

clean:
	rm -rf $(EMU_DIR)/node_modules $(BIN) bench/*.txt bench/*.test
