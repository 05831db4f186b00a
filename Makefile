# The two commands of the README, and the benchmarks. Each installs what is missing first.
SWIFT ?= swift
RELEASE_BIN = .build/release/baokao

.PHONY: all bootstrap build test demo bench openrpc clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build

## make test — builds and runs every test (Swift Testing), then the rule test cases beside the rules.
## The tests run beside a throwaway PostgreSQL server (scripts/with-postgres sets BAOKAO_TEST_POSTGRES), the HTTP
## suites after the others (scripts/run-tests says why).
test: bootstrap
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/with-postgres scripts/run-tests
	scripts/rule-tests

## make demo — the main job on the bundled examples, in release mode, under scratch/.
demo: bootstrap
	$(SWIFT) build -c release --product baokao
	scripts/demo $(RELEASE_BIN)

## make bench — benchmarks in release mode; prints figures (medians).
bench: bootstrap
	$(SWIFT) build -c release
	scripts/bench .build/release

## make openrpc — writes Docs/openrpc.json again from the method catalogue (a test holds the two equal).
openrpc: bootstrap
	$(SWIFT) build --product baokao
	.build/debug/baokao openrpc > Docs/openrpc.json

clean:
	rm -rf .build scratch
