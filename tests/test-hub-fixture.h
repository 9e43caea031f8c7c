/* test-hub-fixture.h: a hub subprocess on a temporary SQLite file, shared by tests/test-hub-*.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "aisle-protocol.h"

G_BEGIN_DECLS

/* A member the tests enrol at TPE01 through a push (with the fixture's tablet token). */
#define M1 "11111111-1111-4111-8111-111111111111"
#define ENROL_M1 \
  "{\"mutations\":[{\"id\":1,\"name\":\"member.enrol\",\"args\":{\"member_id\":\"" M1 "\"," \
  "\"name\":\"陳大文\",\"phone\":\"0912345678\",\"consent\":{\"policy_version\":\"2026-01\"," \
  "\"text_hash\":\"ab\",\"privacy\":true,\"marketing\":false}}}]}"

typedef struct
{
  char        *dir;
  char        *db;
  GSubprocess *hub;
  guint16      port;
  SoupSession *session;
  char        *token;      /* a tablet of TPE01 */
} Fixture;

const char *hub_binary   (void);
/* Runs `aisle-hub admin --db DB ARGS... NULL`; aborts the test if it fails. */
char       *admin        (Fixture     *f,
                          const char  *stdin_text,
                          ...) G_GNUC_NULL_TERMINATED;
/* The same, returning the exit status and stderr instead of aborting. */
int         admin_status (Fixture     *f,
                          char       **out_stderr,
                          ...) G_GNUC_NULL_TERMINATED;
void        start_hub    (Fixture     *f);
void        stop_hub     (Fixture     *f,
                          int          sig);
guint       call         (Fixture     *f,
                          SoupSession *session,
                          const char  *method,
                          const char  *path,
                          const char  *token,
                          const char  *body,
                          char       **out_body);
void        enrol_m1     (Fixture     *f);
/* Pairs a device of @store (NULL: TPE01) in @mode; returns its token. */
char       *pair_store   (Fixture     *f,
                          const char  *store,
                          const char  *mode);
char       *pair         (Fixture     *f,
                          const char  *mode);
/* Stores TPE01 and TPE02, staff S0001-S0003 (S0003 a manager, PIN 1234) and channel "web";
 * starts the hub and pairs a tablet of TPE01 (f->token). */
void        setup        (Fixture       *f,
                          gconstpointer  data);
void        teardown     (Fixture       *f,
                          gconstpointer  data);
JsonObject *parse_object (const char    *text,
                          JsonNode     **keep);
/* GET /v1/sync/pull?cursor=@cursor as @token's device (one page). */
AislePullResponse *pull_as    (Fixture           *f,
                               const char        *token,
                               gint64             cursor);
/* Every page from cursor 0. */
AislePullResponse *pull_all   (Fixture           *f,
                               const char        *token);
gboolean           has_change (AislePullResponse *response,
                               const char        *entity,
                               const char        *entity_id);
/* A number from the hub's database, read-only while the hub runs (WAL); -1 for no row. */
gint64      hub_query_int (Fixture      *f,
                           const char   *sql);
/* The hub's /metrics text. */
char       *metrics      (Fixture       *f);
/* POSTs @body to /v1/ingest/orders as channel "web", signed; asserts 200. */
void        ingest       (Fixture       *f,
                          const char    *body);

G_END_DECLS
