# Makefile - builds $(B)/fazhi, runs it with demo data, and runs every test.
# Targets: all (default), run, test, unit, api, browser, bench, bench-pg, check-style, clean,
# ha-test.
# `make test` builds a second binary with ASan+UBSan in $(B)/asan/ and tests that one.

B       ?= build
CC      ?= gcc
PKGS    := libmicrohttpd sqlite3 libpq jansson libsodium libcrypto libzip libxml-2.0 xlsxwriter
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Isrc -I$(B)/gen \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS    := $(sort $(shell find src -name '*.c'))
LIBSRCS := $(filter-out src/main.c,$(SRCS))
MIGS    := $(sort $(wildcard migrations/*.sql))
GEN     := $(B)/gen/migrations.c
UNITS   := $(sort $(wildcard tests/unit/test_*.c))

OBJS     := $(SRCS:%.c=$(B)/obj/%.o) $(B)/obj/gen/migrations.o
LIBOBJS  := $(filter-out $(B)/obj/src/main.o,$(OBJS))
AOBJS    := $(SRCS:%.c=$(B)/asan/obj/%.o) $(B)/asan/obj/gen/migrations.o
ALIBOBJS := $(filter-out $(B)/asan/obj/src/main.o,$(AOBJS))
UBINS    := $(UNITS:tests/unit/%.c=$(B)/asan/tests/%)

PORT ?= 8080
DB   ?= fazhi.db

.PHONY: all deps run test unit api browser web bench bench-pg check-style clean ha-test
all: $(B)/fazhi

deps:
	@bash scripts/deps.sh

$(B)/fazhi: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/asan/fazhi: $(AOBJS)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

$(B)/obj/%.o: %.c $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -c -o $@ $<
$(B)/asan/obj/%.o: %.c $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -MMD -c -o $@ $<
$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<
$(B)/asan/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -MMD -c -o $@ $<

# migrations/*.sql are compiled into the binary, so it needs no files beside it
$(GEN): $(MIGS) scripts/embed-migrations.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-migrations.sh $(MIGS) > $@.tmp && mv $@.tmp $@

$(B)/asan/tests/%: tests/unit/%.c $(ALIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS) -lcmocka

web/dist/index.html: $(shell find web/src -type f 2>/dev/null) web/index.html web/package.json web/vite.config.js
	cd web && npx vite build --logLevel warn

web: web/dist/index.html

run: deps $(B)/fazhi web
	@test -f $(DB) || $(B)/fazhi demo --db $(DB)
	$(B)/fazhi serve --listen 127.0.0.1:$(PORT) --db $(DB) --web web/dist

test: deps $(B)/fazhi $(B)/asan/fazhi web $(UBINS)
	@bash scripts/check-style.sh
	@B=$(B) bash scripts/test.sh

unit: $(UBINS)
	@B=$(B) bash scripts/test.sh unit

api: $(B)/asan/fazhi
	@B=$(B) bash scripts/test.sh api

browser: $(B)/asan/fazhi web
	@B=$(B) bash scripts/test.sh browser

bench: deps $(B)/fazhi
	@bash bench/run.sh

# bench-pg: bench/pg.sh, the same loads on PostgreSQL with one and two servers
bench-pg: deps $(B)/fazhi
	@B=$(B) bash bench/pg.sh

check-style:
	@bash scripts/check-style.sh

clean:
	rm -rf build web/dist

# PostgreSQL 15 under Patroni + etcd + HAProxy on loopback, kill the primary under a write load
ha-test: deps $(B)/fazhi
	@FAZHI_BIN=$(B)/fazhi bash scripts/ha-test.sh $(HA_ARGS)

-include $(shell find build -name "*.d" 2>/dev/null)
