/* test-core-tablet.c: the staff tablet's core: offline sign-in with lock-out, the profile
 * read, the phone-reveal log, the checks before a binding, coupon or e-invoice, and stock by
 * place. On the demo data at test size (real SQLite files, the real argon2id).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-tablet"

#include "config.h"

#include <sqlite3.h>

#include "aisle-store-profile.h"
#include "aisle-store-staff.h"
#include "aisle-store-stock.h"
#include "aisle-test.h"
#include "aisle-test-store.h"

#define NOW 1767225600   /* the demo data's "today" is its own; tests pass times explicitly */

/* A value from the first row of @sql (one column), run on the cache file directly. */
static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
demo_setup (Fixture       *f,
            gconstpointer  data)
{
  fixture_setup (f, data);
  fill_demo (f->store, 400, AISLE_DEMO_DEFAULT_SEED, NULL);
}

/* --- sign-in ------------------------------------------------------------------------------- */

static AisleSignIn *
sign_in (Fixture    *f,
         const char *staff_id,
         const char *pin,
         gint64      now)
{
  g_autoptr(GError) error = NULL;
  AisleSignIn *result = aisle_store_staff_sign_in (f->store, staff_id, pin, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AisleSignIn) ok = sign_in (f, "S0001", AISLE_DEMO_PIN, NOW);
  g_autoptr(AisleSignIn) wrong = sign_in (f, "S0001", "9999", NOW);
  g_autoptr(AisleSignIn) unknown = sign_in (f, "S9999", AISLE_DEMO_PIN, NOW);
  g_autoptr(AisleSignIn) again = NULL;

  g_assert_cmpint (ok->status, ==, AISLE_SIGN_IN_OK);
  g_assert_cmpstr (ok->staff->id, ==, "S0001");
  g_assert_cmpint (ok->staff->role, ==, AISLE_STAFF_ROLE_MANAGER);
  g_assert_cmpint (wrong->status, ==, AISLE_SIGN_IN_WRONG_PIN);
  g_assert_cmpuint (wrong->failures, ==, 1);
  g_assert_cmpuint (wrong->remaining, ==, AISLE_SIGN_IN_MAX_FAILURES - 1);
  g_assert_cmpint (unknown->status, ==, AISLE_SIGN_IN_UNKNOWN);
  g_assert_null (unknown->staff);

  /* A right PIN resets the count. */
  again = sign_in (f, "S0001", AISLE_DEMO_PIN, NOW + 1);
  g_assert_cmpint (again->status, ==, AISLE_SIGN_IN_OK);
  g_clear_pointer (&again, aisle_sign_in_free);
  again = sign_in (f, "S0001", "0000", NOW + 2);
  g_assert_cmpuint (again->failures, ==, 1);

  g_assert_false (aisle_staff_pin_verify (NULL, AISLE_DEMO_PIN));
  g_assert_false (aisle_staff_pin_verify (ok->staff->pin_hash, ""));
  g_assert_true (aisle_staff_pin_verify (ok->staff->pin_hash, AISLE_DEMO_PIN));
}

static void
test_lock_out (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleSignIn) other = NULL;
  g_autoptr(AisleSignIn) after = NULL;

  for (guint i = 1; i <= AISLE_SIGN_IN_MAX_FAILURES; i++)
    {
      g_autoptr(AisleSignIn) r = sign_in (f, "S0002", "1111", NOW + i);

      g_assert_cmpuint (r->failures, ==, i);
      if (i < AISLE_SIGN_IN_MAX_FAILURES)
        {
          g_assert_cmpint (r->status, ==, AISLE_SIGN_IN_WRONG_PIN);
          g_assert_cmpint (r->locked_until, ==, 0);
        }
      else
        {
          g_assert_cmpint (r->status, ==, AISLE_SIGN_IN_LOCKED);
          g_assert_cmpint (r->locked_until, ==, NOW + i + AISLE_SIGN_IN_LOCK_SECONDS);
        }
    }

  /* Locked: even the right PIN is refused, and nothing is counted. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AisleSignIn) r = sign_in (f, "S0002", AISLE_DEMO_PIN, NOW + 100);

      g_assert_cmpint (r->status, ==, AISLE_SIGN_IN_LOCKED);
      g_assert_cmpuint (r->failures, ==, AISLE_SIGN_IN_MAX_FAILURES);
    }
  g_assert_cmpint (aisle_store_staff_locked_until (f->store, "S0002", NOW + 100, &error), ==,
                   NOW + AISLE_SIGN_IN_MAX_FAILURES + AISLE_SIGN_IN_LOCK_SECONDS);
  g_assert_no_error (error);

  /* Another staff member on the same device is not affected. */
  other = sign_in (f, "S0003", AISLE_DEMO_PIN, NOW + 100);
  g_assert_cmpint (other->status, ==, AISLE_SIGN_IN_OK);

  /* After five minutes the right PIN works again, and a wrong one starts a fresh count. */
  g_assert_cmpint (aisle_store_staff_locked_until (f->store, "S0002",
                                                   NOW + 5 + AISLE_SIGN_IN_LOCK_SECONDS, &error),
                   ==, 0);
  {
    g_autoptr(AisleSignIn) r = sign_in (f, "S0002", "1111", NOW + 6 + AISLE_SIGN_IN_LOCK_SECONDS);

    g_assert_cmpint (r->status, ==, AISLE_SIGN_IN_WRONG_PIN);
    g_assert_cmpuint (r->failures, ==, 1);
  }
  after = sign_in (f, "S0002", AISLE_DEMO_PIN, NOW + 7 + AISLE_SIGN_IN_LOCK_SECONDS);
  g_assert_cmpint (after->status, ==, AISLE_SIGN_IN_OK);
}

static void
test_sign_in_inactive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStaff) staff = aisle_store_get_staff (f->store, "S0004", &error);
  g_autoptr(AisleSignIn) r = NULL;

  g_assert_no_error (error);
  staff->active = FALSE;
  g_assert_true (aisle_store_upsert_staff (f->store, staff, &error));
  r = sign_in (f, "S0004", AISLE_DEMO_PIN, NOW);
  g_assert_cmpint (r->status, ==, AISLE_SIGN_IN_INACTIVE);

  staff->active = TRUE;
  g_clear_pointer (&staff->pin_hash, g_free);
  g_assert_true (aisle_store_upsert_staff (f->store, staff, &error));
  g_clear_pointer (&r, aisle_sign_in_free);
  r = sign_in (f, "S0004", AISLE_DEMO_PIN, NOW);
  g_assert_cmpint (r->status, ==, AISLE_SIGN_IN_NO_PIN);
}

/* --- profile ------------------------------------------------------------------------------- */

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleProfile) profile = NULL;
  g_autofree char *member_id = NULL;
  gboolean store_seen = FALSE, online_seen = FALSE;

  /* A member who bought both in a store and online. */
  member_id = query_text (f, "SELECT member_id FROM orders GROUP BY member_id "
                             "HAVING count(DISTINCT channel) >= 2 AND sum(channel = 'store') > 0 "
                             "ORDER BY member_id LIMIT 1");
  g_assert_nonnull (member_id);
  profile = aisle_store_load_profile (f->store, member_id, 0, NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpstr (profile->member->id, ==, member_id);
  g_assert_cmpuint (profile->orders->len, >, 1);
  for (guint i = 0; i < profile->orders->len; i++)
    {
      const AisleOrder *o = g_ptr_array_index (profile->orders, i);

      g_assert_cmpstr (o->member_id, ==, member_id);
      store_seen |= o->channel == AISLE_CHANNEL_STORE;
      online_seen |= o->channel != AISLE_CHANNEL_STORE;
      g_assert_nonnull (o->items);
      g_assert_cmpuint (o->items->len, >, 0);
      if (i > 0)
        g_assert_cmpint (((AisleOrder *) g_ptr_array_index (profile->orders, i - 1))->placed_at,
                         >=, o->placed_at);
    }
  g_assert_true (store_seen && online_seen);
  g_assert_nonnull (profile->tags);
  g_assert_nonnull (profile->consent);
  g_assert_cmpstr (aisle_profile_branch_name (profile, "TPE01"), ==, "台北信義店");
  g_assert_cmpstr (aisle_profile_branch_name (profile, "ZZZ99"), ==, "ZZZ99");

  /* max_orders caps the timeline. */
  g_clear_pointer (&profile, aisle_profile_free);
  profile = aisle_store_load_profile (f->store, member_id, 1, NOW, &error);
  g_assert_cmpuint (profile->orders->len, ==, 1);

  g_clear_pointer (&profile, aisle_profile_free);
  profile = aisle_store_load_profile (f->store, "no-such-member", 0, NOW, &error);
  g_assert_null (profile);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
}

static void
test_profile_bound_and_noted (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleProfile) profile = NULL;
  g_autofree char *member_id = query_text (f, "SELECT b.member_id FROM bindings b "
                                              "JOIN notes n ON n.member_id = b.member_id "
                                              "WHERE b.until = 0 ORDER BY 1 LIMIT 1");

  g_assert_nonnull (member_id);
  profile = aisle_store_load_profile (f->store, member_id, 0, NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile->binding);
  /* The associate's name, not their number. */
  g_assert_cmpstr (aisle_profile_staff_name (profile, profile->binding->staff_id), !=,
                   profile->binding->staff_id);
  g_assert_cmpuint (profile->notes->len, >, 0);
}

static void
test_phone_reveal_log (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *member_id = query_text (f, "SELECT id FROM members ORDER BY id LIMIT 1");
  g_autoptr(AisleProfile) profile = NULL;

  g_assert_cmpuint (aisle_store_count_phone_reveals (f->store, member_id, &error), ==, 0);
  g_assert_true (aisle_store_log_phone_reveal (f->store, member_id, "S0001", NOW, &error));
  g_assert_true (aisle_store_log_phone_reveal (f->store, member_id, "S0002", NOW + 5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (aisle_store_count_phone_reveals (f->store, member_id, &error), ==, 2);
  profile = aisle_store_load_profile (f->store, member_id, 0, NOW, &error);
  g_assert_cmpuint (profile->phone_reveals, ==, 2);
  g_assert_false (aisle_store_log_phone_reveal (f->store, member_id, NULL, NOW, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The log is append-only, even for SQL that goes round the API. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM phone_reveals", NULL, NULL, NULL), !=,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE phone_reveals SET staff_id = 'x'", NULL, NULL,
                                   NULL), !=, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpuint (aisle_store_count_phone_reveals (f->store, member_id, &error), ==, 2);
}

/* --- checks -------------------------------------------------------------------------------- */

static void
test_check_coupon (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleCoupon) coupon = NULL;
  g_autofree char *code = query_text (f, "SELECT code FROM coupons WHERE redeemed_at = 0 "
                                         "ORDER BY code LIMIT 1");
  g_autoptr(AisleCoupon) c = NULL;
  gint64 now;

  g_assert_nonnull (code);
  /* The demo's codes are the printed form a scanner reads. */
  g_assert_true (g_str_has_prefix (code, "AC-"));
  c = aisle_store_get_coupon (f->store, code, &error);
  now = c->valid_from + 1;

  g_assert_cmpint (aisle_store_check_coupon (f->store, code, c->member_id, now, &coupon, &error),
                   ==, AISLE_COUPON_OK);
  g_assert_no_error (error);
  g_assert_cmpstr (coupon->code, ==, code);
  g_assert_cmpint (aisle_store_check_coupon (f->store, code, "someone-else", now, NULL, &error),
                   ==, AISLE_COUPON_OTHER_MEMBER);
  g_assert_cmpint (aisle_store_check_coupon (f->store, code, c->member_id, c->valid_until, NULL,
                                             &error), ==, AISLE_COUPON_EXPIRED);
  g_assert_cmpint (aisle_store_check_coupon (f->store, code, c->member_id, c->valid_from - 1,
                                             NULL, &error), ==, AISLE_COUPON_NOT_YET_VALID);
  g_assert_cmpint (aisle_store_check_coupon (f->store, "AC-NOTOURS1", c->member_id, now, NULL,
                                             &error), ==, AISLE_COUPON_UNKNOWN);
  g_assert_no_error (error);

  g_assert_true (aisle_store_redeem_coupon (f->store, code, "TPE01", now, &error));
  g_assert_cmpint (aisle_store_check_coupon (f->store, code, c->member_id, now, NULL, &error),
                   ==, AISLE_COUPON_REDEEMED);
}

static void
test_check_binding (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStaff) associate = aisle_store_get_staff (f->store, "S0002", &error);
  g_autoptr(AisleStaff) manager = aisle_store_get_staff (f->store, "S0001", &error);
  g_autoptr(AisleBinding) active = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *unbound = query_text (f, "SELECT id FROM members WHERE id NOT IN "
                                            "(SELECT member_id FROM bindings WHERE until = 0) "
                                            "ORDER BY id LIMIT 1");
  gint64 since;

  g_assert_cmpint (aisle_store_check_binding (f->store, unbound, associate, NULL, NOW, &active,
                                              &error), ==, AISLE_BIND_OK);
  g_assert_null (active);
  g_assert_cmpint (aisle_store_check_binding (f->store, unbound, associate, "S0003", NOW, NULL,
                                              &error), ==, AISLE_BIND_NEEDS_MANAGER);
  g_assert_cmpint (aisle_store_check_binding (f->store, unbound, manager, "S0003", NOW, NULL,
                                              &error), ==, AISLE_BIND_OK);

  member_id = query_text (f, "SELECT member_id FROM bindings WHERE until = 0 AND "
                             "staff_id NOT IN ('S0001', 'S0002') ORDER BY member_id LIMIT 1");
  g_assert_nonnull (member_id);
  g_assert_cmpint (aisle_store_check_binding (f->store, member_id, associate, NULL, 0, &active,
                                              &error), ==, AISLE_BIND_LOCKED);
  g_assert_nonnull (active);
  since = active->since;
  /* After the lock period anyone may take the member over; a manager at any time. */
  g_assert_cmpint (aisle_store_check_binding (f->store, member_id, associate, NULL,
                                              since + AISLE_BINDING_LOCK_DAYS * 86400, NULL,
                                              &error), ==, AISLE_BIND_OK);
  g_assert_cmpint (aisle_store_check_binding (f->store, member_id, manager, NULL, since, NULL,
                                              &error), ==, AISLE_BIND_OK);
  /* The hub's binding_lock_days, once pulled, replaces the default. */
  g_assert_true (aisle_store_set_sync_state (f->store, "binding_lock_days", "10", &error));
  g_assert_cmpint (aisle_store_check_binding (f->store, member_id, associate, NULL,
                                              since + 9 * 86400, NULL, &error), ==,
                   AISLE_BIND_LOCKED);
  g_assert_cmpint (aisle_store_check_binding (f->store, member_id, associate, NULL,
                                              since + 10 * 86400, NULL, &error), ==,
                   AISLE_BIND_OK);
  g_assert_cmpint (aisle_store_get_setting_int (f->store, "binding_lock_days", 90), ==, 10);
  g_assert_true (aisle_store_set_sync_state (f->store, "binding_lock_days", "ten", &error));
  g_assert_cmpint (aisle_store_get_setting_int (f->store, "binding_lock_days", 90), ==, 90);
  {
    g_autoptr(AisleStaff) bound = aisle_store_get_staff (f->store, active->staff_id, &error);

    g_assert_cmpint (aisle_store_check_binding (f->store, member_id, bound, NULL, since, NULL,
                                                &error), ==, AISLE_BIND_ALREADY_YOURS);
  }
  g_assert_no_error (error);
}

static void
test_check_invoice (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (NOW);
  g_autofree char *roc = g_strdup_printf ("%03d%02d%02d", g_date_time_get_year (today) - 1911,
                                          g_date_time_get_month (today),
                                          g_date_time_get_day_of_month (today));
  g_autofree char *number = query_text (f, "SELECT number FROM invoices ORDER BY 1 LIMIT 1");
  g_autofree char *owner = query_text (f, "SELECT member_id FROM invoices ORDER BY number LIMIT 1");

  g_assert_cmpint (aisle_store_check_invoice (f->store, "ZZ00000001", roc, "24549210", "m", NOW,
                                              &error), ==, AISLE_INVOICE_OK);
  g_assert_cmpint (aisle_store_check_invoice (f->store, "ZZ00000001", "1120101", "24549210", "m",
                                              NOW, &error), ==, AISLE_INVOICE_TOO_OLD);
  g_assert_cmpint (aisle_store_check_invoice (f->store, "ZZ00000001", "1991231", "24549210", "m",
                                              NOW, &error), ==, AISLE_INVOICE_FUTURE);
  /* The hub's invoice_max_age_days, once pulled, replaces the default of 60 days. */
  g_assert_true (aisle_store_set_sync_state (f->store, "invoice_max_age_days", "100000", &error));
  g_assert_cmpint (aisle_store_check_invoice (f->store, "ZZ00000001", "1120101", "24549210", "m",
                                              NOW, &error), ==, AISLE_INVOICE_OK);
  g_assert_true (aisle_store_set_sync_state (f->store, "invoice_max_age_days", "60", &error));
  g_assert_nonnull (number);
  g_assert_cmpint (aisle_store_check_invoice (f->store, number, roc, "24549210", owner, NOW,
                                              &error), ==, AISLE_INVOICE_ALREADY_YOURS);
  g_assert_cmpint (aisle_store_check_invoice (f->store, number, roc, "24549210", "other", NOW,
                                              &error), ==, AISLE_INVOICE_TAKEN);
  /* With the retailer's sellers known, a foreign seller is refused. */
  g_assert_true (aisle_store_set_sync_state (f->store, "own_seller_ids", "24549210, 12345675",
                                             &error));
  g_assert_cmpint (aisle_store_check_invoice (f->store, "ZZ00000001", roc, "12345675", "m", NOW,
                                              &error), ==, AISLE_INVOICE_OK);
  g_assert_cmpint (aisle_store_check_invoice (f->store, "ZZ00000001", roc, "04595257", "m", NOW,
                                              &error), ==, AISLE_INVOICE_FOREIGN_SELLER);
  g_assert_no_error (error);
}

/* --- stock --------------------------------------------------------------------------------- */

static void
test_stock_by_place (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *product_id = query_text (f, "SELECT product_id FROM stock GROUP BY product_id "
                                               "HAVING count(*) >= 4 ORDER BY 1 LIMIT 1");
  g_autoptr(AisleStockLookup) lookup = NULL;
  double last_distance = 0;

  g_assert_nonnull (product_id);
  lookup = aisle_store_lookup_stock (f->store, product_id, "TPE01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lookup->product->id, ==, product_id);
  g_assert_cmpuint (lookup->levels->len, >=, 4);
  for (guint i = 0; i < lookup->levels->len; i++)
    {
      const AisleStockLevel *level = g_ptr_array_index (lookup->levels, i);

      g_assert_cmpint (level->available, ==, MAX (0, level->on_hand - level->reserved));
      if (i > 0)
        g_assert_cmpint (((AisleStockLevel *) g_ptr_array_index (lookup->levels, i - 1))->place,
                         <=, level->place);
      switch (level->place)
        {
        case AISLE_STOCK_PLACE_HERE:
          g_assert_cmpuint (i, ==, 0);
          g_assert_cmpstr (level->location_id, ==, "TPE01");
          break;
        case AISLE_STOCK_PLACE_NEARBY:
          g_assert_nonnull (level->name);
          g_assert_cmpfloat (level->distance_km, >, 0);
          g_assert_cmpfloat (level->distance_km, >=, last_distance);
          last_distance = level->distance_km;
          break;
        case AISLE_STOCK_PLACE_ONLINE:
          g_assert_cmpuint (i, ==, lookup->levels->len - 1);
          g_assert_cmpstr (level->location_id, ==, AISLE_LOCATION_ONLINE);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_clear_pointer (&lookup, aisle_stock_lookup_free);
  lookup = aisle_store_lookup_stock (f->store, "no-such-product", "TPE01", &error);
  g_assert_null (lookup);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/aisle/core/tablet/" path, Fixture, NULL, demo_setup, func, fixture_teardown)
  ADD ("sign-in", test_sign_in);
  ADD ("lock-out", test_lock_out);
  ADD ("sign-in-inactive", test_sign_in_inactive);
  ADD ("profile", test_profile);
  ADD ("profile-bound-and-noted", test_profile_bound_and_noted);
  ADD ("phone-reveal-log", test_phone_reveal_log);
  ADD ("check-coupon", test_check_coupon);
  ADD ("check-binding", test_check_binding);
  ADD ("check-invoice", test_check_invoice);
  ADD ("stock-by-place", test_stock_by_place);
#undef ADD

  return g_test_run ();
}
