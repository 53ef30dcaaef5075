# Makefile - builds build/fazhi, runs it with demo data, and runs every test.
# Targets: all (default), run, test, unit, api, browser, bench, check-style, clean.
# `make test` builds a second binary with ASan+UBSan in build/asan/ and tests that one.

CC      ?= gcc
PKGS    := libmicrohttpd sqlite3 jansson libsodium libcrypto
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Isrc -Ibuild/gen \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS    := $(sort $(shell find src -name '*.c'))
LIBSRCS := $(filter-out src/main.c,$(SRCS))
MIGS    := $(sort $(wildcard migrations/*.sql))
GEN     := build/gen/migrations.c
UNITS   := $(sort $(wildcard tests/unit/test_*.c))

OBJS     := $(SRCS:%.c=build/obj/%.o) build/obj/gen/migrations.o
LIBOBJS  := $(filter-out build/obj/src/main.o,$(OBJS))
AOBJS    := $(SRCS:%.c=build/asan/obj/%.o) build/asan/obj/gen/migrations.o
ALIBOBJS := $(filter-out build/asan/obj/src/main.o,$(AOBJS))
UBINS    := $(UNITS:tests/unit/%.c=build/asan/tests/%)

PORT ?= 8080
DB   ?= fazhi.db

.PHONY: all deps run test unit api browser web bench check-style clean
all: build/fazhi

deps:
	@bash scripts/deps.sh

build/fazhi: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/fazhi: $(AOBJS)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

build/obj/%.o: %.c $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -c -o $@ $<
build/asan/obj/%.o: %.c $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -MMD -c -o $@ $<
build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<
build/asan/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -MMD -c -o $@ $<

# migrations/*.sql are compiled into the binary, so it needs no files beside it
$(GEN): $(MIGS) scripts/embed-migrations.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-migrations.sh $(MIGS) > $@.tmp && mv $@.tmp $@

build/asan/tests/%: tests/unit/%.c $(ALIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS) -lcmocka

web/dist/index.html: $(shell find web/src -type f 2>/dev/null) web/index.html web/package.json web/vite.config.js
	cd web && npx vite build --logLevel warn

web: web/dist/index.html

run: deps build/fazhi web
	@test -f $(DB) || build/fazhi demo --db $(DB)
	build/fazhi serve --listen 127.0.0.1:$(PORT) --db $(DB) --web web/dist

test: deps build/fazhi build/asan/fazhi web $(UBINS)
	@bash scripts/test.sh

unit: $(UBINS)
	@bash scripts/test.sh unit

api: build/asan/fazhi
	@bash scripts/test.sh api

browser: build/asan/fazhi web
	@bash scripts/test.sh browser

bench: deps build/fazhi
	@bash bench/run.sh

check-style:
	@bash scripts/check-style.sh

clean:
	rm -rf build web/dist

-include $(shell find build -name "*.d" 2>/dev/null)
