/* test-core-kiosk.c: the kiosk's questions to its cache (core/aisle-store-kiosk.c).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include "aisle-store-kiosk.h"
#include "aisle-sync.h"
#include "aisle-test.h"
#include "aisle-test-store.h"

static void
test_phone_known (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean known = TRUE;

  g_assert_true (aisle_store_kiosk_phone_known (f->store, "0912345678", &known, &error));
  g_assert_no_error (error);
  g_assert_false (known);
  add_member (f->store, "11111111-1111-4111-8111-111111111111", "陳大文", "0912345678", 1);
  g_assert_true (aisle_store_kiosk_phone_known (f->store, "0912345678", &known, &error));
  g_assert_true (known);
  g_assert_true (aisle_store_kiosk_phone_known (f->store, "0912345679", &known, &error));
  g_assert_false (known);
}

static void
put_stock (AisleStore *store,
           const char *location,
           gint64      on_hand,
           gint64      reserved)
{
  g_autoptr(AisleStock) s = aisle_stock_new ();
  g_autoptr(GError) error = NULL;

  s->product_id = g_strdup ("SKU-1");
  s->location_id = g_strdup (location);
  s->on_hand = on_hand;
  s->reserved = reserved;
  g_assert_true (aisle_store_set_stock (store, s, &error));
  g_assert_no_error (error);
}

static void
put_branch (AisleStore *store,
            const char *id,
            const char *name)
{
  g_autoptr(AisleBranch) b = aisle_branch_new ();
  g_autoptr(GError) error = NULL;

  b->id = g_strdup (id);
  b->name = g_strdup (name);
  g_assert_true (aisle_store_upsert_branch (store, b, &error));
  g_assert_no_error (error);
}

static void
test_check_product (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AisleProduct) p = aisle_product_new ();
  g_autoptr(AisleKioskProduct) info = NULL;
  g_autoptr(GError) error = NULL;
  const AisleKioskStock *first;

  put_branch (f->store, "TPE01", "台北信義店");
  put_branch (f->store, "TPE02", "台北南港店");
  put_branch (f->store, "TPE03", "台北內湖店");
  p->id = g_strdup ("SKU-1");
  p->name = g_strdup ("Tea");
  p->price = 45000;
  p->barcodes = g_strsplit ("4006381333931", ",", -1);
  g_assert_true (aisle_store_upsert_product (f->store, p, &error));
  g_assert_no_error (error);
  put_stock (f->store, "TPE01", 5, 2);
  put_stock (f->store, "TPE02", 1, 3);     /* more reserved than on hand: 0, never negative */
  put_stock (f->store, "TPE03", 9, 0);
  put_stock (f->store, AISLE_LOCATION_ONLINE, 12, 0);

  info = aisle_store_kiosk_check_product (f->store, "4006381333931", "TPE01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->product->name, ==, "Tea");
  g_assert_cmpint (info->here->available, ==, 3);
  g_assert_cmpint (info->online->available, ==, 12);
  g_assert_cmpuint (info->nearby->len, ==, 2);
  first = g_ptr_array_index (info->nearby, 0);
  g_assert_cmpstr (first->name, ==, "台北內湖店");
  g_assert_cmpint (first->available, ==, 9);
  g_assert_cmpint (((AisleKioskStock *) g_ptr_array_index (info->nearby, 1))->available, ==, 0);

  g_clear_pointer (&info, aisle_kiosk_product_free);
  info = aisle_store_kiosk_check_product (f->store, "4710088410016", "TPE01", &error);
  g_assert_null (info);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
}

static void
test_outcome_and_invoices (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AisleKioskOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  gboolean registered = TRUE;
  gint64 id;

  add_member (f->store, "11111111-1111-4111-8111-111111111111", "陳大文", "0912345678", 1);
  g_assert_true (aisle_store_kiosk_invoice_registered (f->store, "AB12345678", &registered, &error));
  g_assert_no_error (error);
  g_assert_false (registered);

  id = aisle_sync_cache_mutate (f->store, "invoice.register",
                                "{\"number\":\"AB12345678\",\"date\":\"1150101\",\"random_code\":\"1234\","
                                "\"seller_id\":\"24549210\",\"total\":6500,"
                                "\"member_id\":\"11111111-1111-4111-8111-111111111111\"}",
                                NULL, 1767225600, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Queued: pending, and the optimistic row counts as registered. */
  outcome = aisle_store_kiosk_get_outcome (f->store, id, NULL, "AB12345678", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->state, ==, AISLE_KIOSK_OUTCOME_PENDING);
  g_assert_nonnull (outcome->invoice);
  g_assert_true (aisle_store_kiosk_invoice_registered (f->store, "AB12345678", &registered, &error));
  g_assert_true (registered);

  /* Confirmed by the hub: out of the outbox, applied. */
  g_assert_true (aisle_store_outbox_delete_through (f->store, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&outcome, aisle_kiosk_outcome_free);
  outcome = aisle_store_kiosk_get_outcome (f->store, id, NULL, "AB12345678", &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->state, ==, AISLE_KIOSK_OUTCOME_APPLIED);
}

static void
test_identity_unpaired (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AisleKioskIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;

  identity = aisle_store_kiosk_load_identity (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (identity);
  g_assert_false (identity->has_secret_key);
  g_assert_null (identity->hub_url);
  g_assert_cmpuint (aisle_key_ring_get_size (identity->key_ring), ==, 0);
}

static void
test_identity_paired (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AisleKioskIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  guint8 pk[AISLE_CODES_PUBLIC_KEY_BYTES], sk[AISLE_CODES_SECRET_KEY_BYTES];
  g_autofree char *pk64 = NULL;
  g_autofree char *sk64 = NULL;
  g_autofree char *card = NULL;
  g_autoptr(AisleCode) code = NULL;
  AisleCodesContext context = { 0 };

  g_assert_true (aisle_codes_generate_key (pk, sk));
  pk64 = g_base64_encode (pk, sizeof pk);
  sk64 = g_base64_encode (sk, sizeof sk);
  put_branch (f->store, "TPE01", "台北信義店");
  g_assert_true (aisle_store_set_sync_state (f->store, AISLE_SYNC_KEY_STORE_ID, "TPE01", &error));
  g_assert_true (aisle_store_set_sync_state (f->store, AISLE_SYNC_KEY_HUB_URL, "http://hub", &error));
  g_assert_true (aisle_store_set_sync_state (f->store, AISLE_SYNC_KEY_DEVICE_ID, "dev-1", &error));
  g_assert_true (aisle_store_set_sync_state (f->store, AISLE_SYNC_KEY_DEVICE_PUBLIC_KEY, pk64, &error));
  g_assert_true (aisle_store_set_sync_state (f->store, AISLE_SYNC_KEY_DEVICE_SECRET_KEY, sk64, &error));
  g_assert_no_error (error);

  identity = aisle_store_kiosk_load_identity (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (identity->has_secret_key);
  g_assert_cmpstr (identity->store_name, ==, "台北信義店");

  /* A card signed with the identity's key verifies against its key ring. */
  card = aisle_codes_sign_member_card ("11111111-1111-4111-8111-111111111111", 1767225600,
                                       1767225600 + 86400, identity->secret_key, &error);
  g_assert_no_error (error);
  context.now = 1767225600 + 60;
  context.key_ring = identity->key_ring;
  code = aisle_codes_classify_text (card, &context);
  g_assert_true (aisle_code_is_valid (code));
  g_assert_cmpstr (aisle_code_get_token (code)->signer, ==, "dev-1");
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);

  g_test_add ("/aisle/core/kiosk/phone-known", Fixture, NULL, fixture_setup, test_phone_known,
              fixture_teardown);
  g_test_add ("/aisle/core/kiosk/check-product", Fixture, NULL, fixture_setup,
              test_check_product, fixture_teardown);
  g_test_add ("/aisle/core/kiosk/outcome-and-invoices", Fixture, NULL, fixture_setup,
              test_outcome_and_invoices, fixture_teardown);
  g_test_add ("/aisle/core/kiosk/identity-unpaired", Fixture, NULL, fixture_setup,
              test_identity_unpaired, fixture_teardown);
  g_test_add ("/aisle/core/kiosk/identity-paired", Fixture, NULL, fixture_setup,
              test_identity_paired, fixture_teardown);

  return g_test_run ();
}
