/* test-hub-fixture.c: a hub subprocess on a temporary SQLite file, shared by tests/test-hub-*.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hub"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <string.h>

#include "aisle-store.h"
#include "aisle-store-sqlite.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"

const char *
hub_binary (void)
{
  const char *path = g_getenv ("AISLE_HUB");

  g_assert_nonnull (path);
  return path;
}

char *
admin (Fixture    *f,
       const char *stdin_text,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) hub_binary ());
  g_ptr_array_add (args, (gpointer) "admin");
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  va_start (ap, stdin_text);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("aisle-hub admin %s failed: %s", (char *) args->pdata[4], err);
  return g_steal_pointer (&out);
}

int
admin_status (Fixture  *f,
              char    **out_stderr,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) hub_binary ());
  g_ptr_array_add (args, (gpointer) "admin");
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  va_start (ap, out_stderr);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

char *
metrics (Fixture *f)
{
  char *body = NULL;

  g_assert_cmpuint (call (f, NULL, "GET", "/metrics", NULL, NULL, &body), ==, 200);
  return body;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
start_hub (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;

  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  /* A test that dies must not leave its hub behind. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->hub = g_subprocess_launcher_spawn (launcher, &error, hub_binary (), "serve",
                                        "--db", f->db, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->hub));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on port "));
  f->port = (guint16) atoi (line + strlen ("listening on port "));
  g_assert_cmpuint (f->port, >, 0);
}

void
stop_hub (Fixture *f,
          int      sig)
{
  g_autoptr(GError) error = NULL;

  if (f->hub == NULL)
    return;
  g_subprocess_send_signal (f->hub, sig);
  g_subprocess_wait (f->hub, NULL, &error);
  g_assert_no_error (error);
  if (sig == SIGTERM)
    {
      if (g_subprocess_get_if_signaled (f->hub))
        g_error ("the hub died of signal %d on SIGTERM", g_subprocess_get_term_sig (f->hub));
      g_assert_true (g_subprocess_get_if_exited (f->hub));
      g_assert_cmpint (g_subprocess_get_exit_status (f->hub), ==, 0);
    }
  g_clear_object (&f->hub);
}

/* One HTTP exchange; returns the status and the body. */
guint
call (Fixture     *f,
      SoupSession *session,
      const char  *method,
      const char  *path,
      const char  *token,
      const char  *body,
      char       **out_body)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", f->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  response = soup_session_send_and_read (session != NULL ? session : f->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  /* Every error carries a JSON {code, message} body. */
  if (soup_message_get_status (msg) >= 400)
    g_assert_true (aisle_protocol_parse_error_body (g_bytes_get_data (response, NULL),
                                                    (gssize) g_bytes_get_size (response), NULL, NULL));
  return soup_message_get_status (msg);
}

/* Enrols M1 at TPE01 through a push with the fixture's tablet. */
void
enrol_m1 (Fixture *f)
{
  g_autofree char *out = NULL;

  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, ENROL_M1, &out), ==, 200);
  g_assert_nonnull (strstr (out, "\"applied\""));
}

char *
pair_store (Fixture    *f,
            const char *store,
            const char *mode)
{
  g_autofree char *code = admin (f, NULL, "pair-code", store != NULL ? store : "TPE01", mode, NULL);
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"test\"}", g_strstrip (code));
  g_autofree char *response = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL, body, &response), ==, 200);
  root = aisle_protocol_parse (response, -1, NULL);
  g_assert_nonnull (root);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "token"));
}

char *
pair (Fixture    *f,
      const char *mode)
{
  return pair_store (f, NULL, mode);
}

void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = aisle_test_mkdtemp ();
  f->db = g_build_filename (f->dir, "hub.db", NULL);
  g_free (admin (f, NULL, "store", "add", "TPE01", "台北信義店", "25.03", "121.56", NULL));
  g_free (admin (f, NULL, "store", "add", "TPE02", "台北南港店", "25.05", "121.61", NULL));
  g_free (admin (f, "1234\n", "staff", "add", "S0001", "TPE01", "王小明", "associate", NULL));
  g_free (admin (f, "1234\n", "staff", "add", "S0002", "TPE01", "林美玲", "associate", NULL));
  g_free (admin (f, "1234\n", "staff", "add", "S0003", "TPE01", "陳店長", "manager", NULL));
  g_free (admin (f, "0123456789abcdef0123\n", "channel", "add", "web", NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AisleStore) store = aisle_store_open (f->db, AISLE_STORE_OPEN_NONE, &error);
    g_autoptr(AisleCoupon) coupon = aisle_coupon_new ();

    g_assert_no_error (error);
    coupon->code = g_strdup ("CP0001");
    coupon->title = g_strdup ("NT$100 off");
    coupon->value = 10000;
    g_assert_true (aisle_store_upsert_coupon (store, coupon, &error));
    g_assert_no_error (error);
  }
  f->session = soup_session_new ();
  start_hub (f);
  f->token = pair (f, "tablet");
}

void
teardown (Fixture       *f,
          gconstpointer  data)
{
  stop_hub (f, SIGTERM);
  g_clear_object (&f->session);
  g_free (f->token);
  aisle_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

JsonObject *
parse_object (const char *text,
              JsonNode  **keep)
{
  *keep = aisle_protocol_parse (text, -1, NULL);
  g_assert_nonnull (*keep);
  return json_node_get_object (*keep);
}


AislePullResponse *
pull_as (Fixture    *f,
         const char *token,
         gint64      cursor)
{
  g_autofree char *path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT, cursor);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  AislePullResponse *response;

  g_assert_cmpuint (call (f, NULL, "GET", path, token, NULL, &body), ==, 200);
  response = aisle_protocol_pull_response_parse (body, -1, &error);
  g_assert_no_error (error);
  return response;
}

AislePullResponse *
pull_all (Fixture    *f,
          const char *token)
{
  AislePullResponse *all = pull_as (f, token, 0);

  while (all->more)
    {
      g_autoptr(AislePullResponse) next = pull_as (f, token, all->cursor);

      for (guint i = 0; i < next->changes->len; i++)
        g_ptr_array_add (all->changes, g_steal_pointer (&next->changes->pdata[i]));
      all->cursor = next->cursor;
      all->more = next->more;
    }
  return all;
}

gboolean
has_change (AislePullResponse *response,
            const char        *entity,
            const char        *entity_id)
{
  for (guint i = 0; i < response->changes->len; i++)
    {
      const AisleChange *c = g_ptr_array_index (response->changes, i);

      if (c != NULL && strcmp (c->entity, entity) == 0 && strcmp (c->entity_id, entity_id) == 0)
        return TRUE;
    }
  return FALSE;
}

void
ingest (Fixture    *f,
        const char *body)
{
  static const char secret[] = "0123456789abcdef0123";   /* channel "web", as setup() adds it */
  g_autofree char *signature = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret,
                                                          strlen (secret), body, -1);
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/v1/ingest/orders", f->port);
  g_autofree char *header = g_strdup_printf ("sha256=%s", signature);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Aisle-Channel", "web");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Aisle-Signature", header);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  response = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

gint64
hub_query_int (Fixture    *f,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (f->db, AISLE_STORE_OPEN_READONLY, &error);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (aisle_store_get_sqlite (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}
