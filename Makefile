# snsconnector: the two commands a newcomer needs are `make demo` and `make test`.
# Every tool is pinned here, so a clean clone on a fresh machine gets the same ones.

GO          ?= go
NPM         ?= npm
EMU_DIR     := internal/fauxqs/_npm
EMU_STAMP   := $(EMU_DIR)/node_modules/.package-lock.json
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT   := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCH_COUNT ?= 10
FUZZTIME    ?= 2s

.PHONY: all demo test unit lint fuzz soak emulator bench bench-throughput clean

all: test

## emulator: install fauxqs and its Node 22 from the committed lockfile
emulator: $(EMU_STAMP)

$(EMU_STAMP): $(EMU_DIR)/package.json $(EMU_DIR)/package-lock.json
	$(NPM) ci --prefix $(EMU_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

## demo: start the emulator, run the quickstart against it, stop the emulator
demo: emulator
	$(GO) run ./internal/cmd/withemulator -- $(GO) run ./examples/quickstart

## test: lint, every test with the race detector (integration tests required), then each fuzz target briefly
test: emulator lint
	SNSCONNECTOR_REQUIRE_EMULATOR=1 $(GO) test -race -count=1 -timeout 15m ./...
	$(MAKE) --no-print-directory fuzz

## fuzz: run every Fuzz target for FUZZTIME each (seed corpora live in testdata/fuzz)
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    out=$$($(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) $$pkg 2>&1) || \
	      { echo "$$out"; echo "fuzz target $$target in $$pkg failed; the input is saved in its testdata/fuzz"; exit 1; }; \
	  done; \
	done

## soak: the long versions: faults, load and credential expiry at full size, fuzzing a minute a target
soak: emulator
	SNSCONNECTOR_REQUIRE_EMULATOR=1 SNSCONNECTOR_SOAK=1 $(GO) test -race -count=1 -timeout 120m -v -run 'Integration' ./internal/reliability/
	$(MAKE) --no-print-directory fuzz FUZZTIME=60s

## unit: the tests that need no emulator (integration tests skip)
unit:
	FAUXQS_DIR=/nonexistent $(GO) test -race ./...

## lint: gofmt, go vet and staticcheck must all be clean
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './internal/fauxqs/_npm/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

## bench: the connector against the raw SDK on one stub endpoint. Each of the BENCH_COUNT
## rounds runs both in a fresh process, in alternating order, so neither drift on the
## machine nor going first favours one; benchstat puts them side by side.
bench:
	@mkdir -p bench
	@rm -f bench/publish.txt
	@for i in $$(seq $(BENCH_COUNT)); do \
		if [ $$((i % 2)) = 1 ]; then order="connector sdk"; else order="sdk connector"; fi; \
		for impl in $$order; do \
			$(GO) test -run='^$$' -bench="^BenchmarkPublish\$$/impl=$$impl\$$" -benchmem -count=1 ./snsconnector/ >> bench/publish.txt || exit 1; \
		done; \
	done
	$(GO) run $(BENCHSTAT) -col /impl bench/publish.txt

## bench-throughput: msgs/s and client CPU per message through fauxqs, every
## message counted back out of SQS: Publish, PublishBatch, the Publisher,
## the raw SDK's parallel batches and Go CDK, in one run. It runs in the
## nested module internal/benchcmp, which keeps gocloud.dev out of go.mod.
## Each of the THROUGHPUT_COUNT runs measures every case once, with a fresh
## emulator warmed up by every case, in a rotated order, so neither a burst
## of load elsewhere nor a case's position favours one case. The emulator
## shares the machine: run it on a quiet one.
THROUGHPUT_N     ?= 20000
THROUGHPUT_COUNT ?= 6
bench-throughput: emulator
	@mkdir -p bench
	@rm -f bench/throughput.txt
	cd internal/benchcmp && for i in $$(seq $(THROUGHPUT_COUNT)); do \
		THROUGHPUT_ROTATE=$$i $(GO) test -run='^$$' -bench=BenchmarkThroughput -benchtime=$(THROUGHPUT_N)x -count=1 -timeout=60m . \
			>> ../../bench/throughput.txt || { cat ../../bench/throughput.txt; exit 1; }; \
	done
	$(GO) run $(BENCHSTAT) bench/throughput.txt

clean:
	rm -rf $(EMU_DIR)/node_modules bench/*.txt
