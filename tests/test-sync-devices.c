/* test-sync-devices.c: what devices share through the hub, against the real hub on loopback:
 * other devices' signing keys reach every device through the pull (a member card a kiosk signs
 * offline verifies on a tablet, and once the kiosk is revoked the same card is refused as
 * revoked), and a phone number revealed on a tablet reaches the hub's audit exactly once.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <string.h>

#include "aisle-device-keys.h"
#include "aisle-store-profile.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

#define MEMBER_ID "6f1c1d3e-2b4a-4c5d-8e9f-0a1b2c3d4e5f"

typedef struct
{
  Fixture  hub;
  char    *url;
  Device  *kiosk;
  Device  *tablet;
} KeysFixture;

static Device *
open_paired (KeysFixture *f,
             const char  *name,
             const char  *mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (f->hub.dir, "/", name, ".db", NULL);
  g_autofree char *out = admin (&f->hub, NULL, "pair-code", "TPE01", mode, NULL);
  Device *d = device_open (path, f->hub.session);

  aisle_sync_client_set_timeout (d->client, 5);
  g_assert_true (device_pair (d, f->url, g_strstrip (out), &error));
  g_assert_no_error (error);
  return d;
}

static void
keys_setup (KeysFixture   *f,
            gconstpointer  data)
{
  setup (&f->hub, data);
  f->url = g_strdup_printf ("http://127.0.0.1:%u", f->hub.port);
}

static void
keys_teardown (KeysFixture   *f,
               gconstpointer  data)
{
  g_clear_pointer (&f->kiosk, device_close);
  g_clear_pointer (&f->tablet, device_close);
  g_free (f->url);
  teardown (&f->hub, data);
}

static gpointer
load_keys_job (AisleStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return aisle_store_load_device_keys (store, error);
}

static AisleDeviceKeys *
device_keys (Device *d)
{
  g_autoptr(GError) error = NULL;
  AisleDeviceKeys *keys = device_run (d, load_keys_job, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (keys);
  return keys;
}

/* Classifies @card with @d's key ring, as the tablet does with a scan. */
static AisleCode *
check_card (Device     *d,
            const char *card)
{
  g_autoptr(AisleDeviceKeys) keys = device_keys (d);
  AisleCodesContext context = { 0 };

  context.key_ring = keys->key_ring;
  return aisle_codes_classify ((const guint8 *) card, strlen (card), &context);
}

static void
test_kiosk_card_on_tablet (KeysFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleDeviceKeys) kiosk_keys = NULL;
  g_autoptr(AisleCode) before = NULL;
  g_autoptr(AisleCode) after = NULL;
  g_autoptr(AisleCode) revoked = NULL;
  g_autofree char *card = NULL;
  g_autofree char *kiosk_id = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The tablet pairs first, so the kiosk's key is not in its pairing answer: it has to come
   * by pull. */
  f->tablet = open_paired (f, "tablet", "tablet");
  f->kiosk = open_paired (f, "kiosk", "kiosk");
  kiosk_keys = device_keys (f->kiosk);
  g_assert_true (kiosk_keys->has_secret_key);
  kiosk_id = g_strdup (kiosk_keys->device_id);
  card = aisle_codes_sign_member_card (MEMBER_ID, now, now + 86400 * 365, kiosk_keys->secret_key,
                                       &error);
  g_assert_no_error (error);

  /* The kiosk verifies its own card. */
  {
    g_autoptr(AisleCode) own = check_card (f->kiosk, card);

    g_assert_true (aisle_code_is_valid (own));
  }

  /* The tablet has not synced since the kiosk paired: unknown key. */
  before = check_card (f->tablet, card);
  g_assert_cmpint (aisle_code_get_kind (before), ==, AISLE_CODE_KIND_MEMBER_CARD);
  g_assert_false (aisle_code_is_valid (before));
  g_assert_true (aisle_code_has_error (before, AISLE_CODES_ERROR_UNKNOWN_KEY));

  /* After a sync the kiosk's key is in the tablet's ring, labelled with its device id. */
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  g_assert_cmpint (device_query_int (f->tablet, "SELECT count(*) FROM device_keys"), >=, 1);
  after = check_card (f->tablet, card);
  g_assert_true (aisle_code_is_valid (after));
  g_assert_cmpstr (aisle_code_get_token (after)->member_id, ==, MEMBER_ID);

  /* IT revokes the kiosk: with the next sync its cards are refused as revoked, not unknown. */
  g_free (admin (&f->hub, NULL, "devices", "revoke", kiosk_id, NULL));
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  g_assert_cmpint (device_query_int (f->tablet, "SELECT count(*) FROM device_keys WHERE revoked = 1"),
                   ==, 1);
  revoked = check_card (f->tablet, card);
  g_assert_false (aisle_code_is_valid (revoked));
  g_assert_true (aisle_code_has_error (revoked, AISLE_CODES_ERROR_REVOKED_KEY));
}

/* A push updates devices (last_mutation_id, last_seen) but must not log a key change. */
static void
test_push_logs_no_key (KeysFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  g_autofree char *args = NULL;
  gint64 logged;

  f->tablet = open_paired (f, "tablet", "tablet");
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  logged = device_query_int (f->tablet, "SELECT count(*) FROM device_keys");

  args = make_mutation (1, 1, &name);
  g_assert_cmpint (device_mutate (f->tablet, name, args, "S0001", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  g_assert_cmpint (device_query_int (f->tablet, "SELECT count(*) FROM device_keys"), ==, logged);
  {
    g_autofree char *out = admin (&f->hub, NULL, "devices", "list", NULL);
    g_autoptr(AislePullResponse) page = pull_all (&f->hub, f->hub.token);
    guint keys = 0;

    for (guint i = 0; i < page->changes->len; i++)
      {
        AisleChange *c = g_ptr_array_index (page->changes, i);

        keys += g_strcmp0 (c->entity, "device_key") == 0;
      }
    /* One entry per device with a key, however many pushes and pulls they made. */
    g_assert_cmpuint (keys, ==, (guint) device_query_int (f->tablet, "SELECT count(*) FROM device_keys"));
    g_assert_nonnull (out);
  }
}

typedef struct
{
  const char *member_id;
  const char *staff_id;
} Reveal;

static gpointer
reveal_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Reveal *r = data;

  return aisle_store_log_phone_reveal (store, r->member_id, r->staff_id, 1700000000, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static void
test_phone_reveal_audit (KeysFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) keep = NULL;
  const char *name = NULL;
  g_autofree char *args = make_mutation (1, 1, &name);
  JsonObject *enrol = parse_object (args, &keep);
  Reveal reveal = { json_object_get_string_member (enrol, "member_id"), "S0001" };
  Reveal unknown = { "00000000-0000-4000-8000-00000000dead", "S0001" };

  g_assert_cmpstr (name, ==, "member.enrol");
  f->tablet = open_paired (f, "tablet", "tablet");
  g_assert_cmpint (device_mutate (f->tablet, name, args, "S0001", &error), >, 0);
  g_assert_no_error (error);

  /* Revealed while the hub is not reachable yet: logged here and queued in one transaction. */
  g_assert_nonnull (device_run (f->tablet, reveal_job, &reveal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (device_query_int (f->tablet, "SELECT count(*) FROM phone_reveals"), ==, 1);
  g_assert_cmpint (device_query_int (f->tablet, "SELECT count(*) FROM outbox WHERE name = "
                                                "'audit.phone_reveal'"), ==, 1);

  /* Synced twice: the hub's audit has it once, with who, where and when. */
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT count(*) FROM phone_reveal_audit WHERE staff_id = 'S0001' "
                               "AND store_id = 'TPE01' AND at = 1700000000"), ==, 1);
  g_assert_cmpint (device_query_int (f->tablet, "SELECT count(*) FROM outbox"), ==, 0);
  /* The device's own log stays. */
  g_assert_cmpint (device_query_int (f->tablet, "SELECT count(*) FROM phone_reveals"), ==, 1);

  /* A member the hub does not know: refused with a reason, nothing recorded. */
  g_assert_nonnull (device_run (f->tablet, reveal_job, &unknown, &error));
  g_assert_no_error (error);
  g_assert_true (device_sync (f->tablet, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT count(*) FROM phone_reveal_audit"), ==, 1);
  g_assert_cmpint (aisle_sync_client_get_attention (f->tablet->client), ==, 1);

  /* Kiosks never show phone numbers, and may not write the audit. */
  f->kiosk = open_paired (f, "kiosk", "kiosk");
  g_assert_cmpint (device_mutate (f->kiosk, "audit.phone_reveal", "{\"member_id\":\"x\",\"at\":1}",
                                  "S0001", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (device_sync (f->kiosk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT count(*) FROM phone_reveal_audit"), ==, 1);
  g_assert_cmpint (aisle_sync_client_get_attention (f->kiosk->client), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  /* Loopback only: no proxy settings (and no GSettings schema) needed. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_add ("/aisle/sync/keys/kiosk-card-on-tablet", KeysFixture, NULL, keys_setup,
              test_kiosk_card_on_tablet, keys_teardown);
  g_test_add ("/aisle/sync/keys/push-logs-no-key", KeysFixture, NULL, keys_setup,
              test_push_logs_no_key, keys_teardown);
  g_test_add ("/aisle/sync/audit/phone-reveal", KeysFixture, NULL, keys_setup,
              test_phone_reveal_audit, keys_teardown);

  return g_test_run ();
}
