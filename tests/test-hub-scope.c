/* test-hub-scope.c: what each store's devices pull: members in the store's scope (enrolled,
 * bound, bought or looked up there) with their rows, and stock of nearby stores only.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hub"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "aisle-protocol.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"

/* Adds KHH01 in Kaohsiung (far from the Taipei stores) with a staff member, and enrols M1 at
 * TPE01 with a tablet there (f->token). */
static void
add_far_store_and_member (Fixture *f)
{
  g_free (admin (f, NULL, "store", "add", "KHH01", "高雄門市", "22.62", "120.30", NULL));
  g_free (admin (f, "1234\n", "staff", "add", "K0001", "KHH01", "黃志明", "associate", NULL));
  enrol_m1 (f);
}

static void
test_scope_home_only (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *far = NULL;
  g_autoptr(AislePullResponse) here = NULL;
  g_autoptr(AislePullResponse) there = NULL;

  add_far_store_and_member (f);
  far = pair_store (f, "KHH01", "tablet");
  here = pull_all (f, f->token);
  there = pull_all (f, far);
  g_assert_true (has_change (here, "member", M1));
  g_assert_false (has_change (there, "member", M1));
}

static void
test_scope_bound (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *far = NULL;
  g_autofree char *out = NULL;
  g_autoptr(AislePullResponse) before = NULL;
  g_autoptr(AislePullResponse) after = NULL;

  add_far_store_and_member (f);
  far = pair_store (f, "KHH01", "tablet");
  before = pull_all (f, far);
  g_assert_false (has_change (before, "member", M1));

  /* An associate of KHH01 binds the member: KHH01 gets the member, its consent and binding. */
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", far,
                          "{\"mutations\":[{\"id\":1,\"name\":\"binding.create\",\"args\":"
                          "{\"binding_id\":\"bk\",\"member_id\":\"" M1 "\"},\"staff_id\":\"K0001\"}]}",
                          &out), ==, 200);
  g_assert_nonnull (strstr (out, "\"applied\""));
  after = pull_as (f, far, before->cursor);
  g_assert_true (has_change (after, "member", M1));
  g_assert_true (has_change (after, "binding", "bk"));
  g_assert_true (has_change (after, "consent", "1"));
}

static void
test_scope_lookup (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *far = NULL;
  g_autofree char *out = NULL;
  g_autoptr(AislePullResponse) before = NULL;
  g_autoptr(AislePullResponse) after = NULL;

  add_far_store_and_member (f);
  far = pair_store (f, "KHH01", "tablet");
  before = pull_all (f, far);
  g_assert_false (has_change (before, "member", M1));
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/members?phone=0912345678", far, NULL, &out), ==, 200);
  g_assert_nonnull (strstr (out, M1));
  after = pull_as (f, far, before->cursor);
  g_assert_true (has_change (after, "member", M1));
}

static void
test_scope_bought (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *far = NULL;
  g_autoptr(AislePullResponse) before = NULL;
  g_autoptr(AislePullResponse) after = NULL;
  g_autoptr(AislePullResponse) home = NULL;
  g_autoptr(GError) error = NULL;

  add_far_store_and_member (f);
  far = pair_store (f, "KHH01", "tablet");
  before = pull_all (f, far);
  {
    g_autoptr(AisleStore) store = aisle_store_open (f->db, AISLE_STORE_OPEN_NONE, &error);
    g_autoptr(AisleOrder) order = aisle_order_new ();

    g_assert_no_error (error);
    order->id = g_strdup ("o-khh-1");
    order->member_id = g_strdup (M1);
    order->channel = AISLE_CHANNEL_STORE;
    order->fulfilment = AISLE_FULFILMENT_IN_STORE;
    order->status = AISLE_ORDER_STATUS_COMPLETED;
    order->branch_id = g_strdup ("KHH01");
    order->total = 12000;
    order->placed_at = 1700000000;
    order->items = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_order_item_free);
    g_assert_true (aisle_store_upsert_order (store, order, &error));
    g_assert_no_error (error);
  }
  /* Bought at KHH01: KHH01 gets the member and the order; the home store gets the order too. */
  after = pull_as (f, far, before->cursor);
  g_assert_true (has_change (after, "member", M1));
  g_assert_true (has_change (after, "order", "o-khh-1"));
  home = pull_all (f, f->token);
  g_assert_true (has_change (home, "order", "o-khh-1"));
}

static void
test_scope_stock_nearby (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AislePullResponse) here = NULL;
  g_autofree char *far = NULL;
  g_autoptr(AislePullResponse) there = NULL;
  g_autofree char *products = g_build_filename (f->dir, "p.csv", NULL);
  g_autofree char *stock = g_build_filename (f->dir, "s.csv", NULL);

  g_free (admin (f, NULL, "store", "add", "KHH01", "高雄門市", "22.62", "120.30", NULL));
  g_assert_true (g_file_set_contents (products, "id,name,price\nP1,Tea,30\n", -1, NULL));
  g_assert_true (g_file_set_contents (stock, "product_id,location_id,on_hand\nP1,TPE01,1\n"
                                      "P1,TPE02,2\nP1,KHH01,3\nP1,online,4\n", -1, NULL));
  g_free (admin (f, NULL, "import", "products", products, NULL));
  g_free (admin (f, NULL, "import", "stock", stock, NULL));

  /* TPE02 is about 5 km from TPE01, KHH01 about 300 km. */
  here = pull_all (f, f->token);
  g_assert_true (has_change (here, "stock", "P1@TPE01"));
  g_assert_true (has_change (here, "stock", "P1@TPE02"));
  g_assert_true (has_change (here, "stock", "P1@online"));
  g_assert_false (has_change (here, "stock", "P1@KHH01"));
  g_assert_true (has_change (here, "product", "P1"));

  far = pair_store (f, "KHH01", "tablet");
  there = pull_all (f, far);
  g_assert_true (has_change (there, "stock", "P1@KHH01"));
  g_assert_true (has_change (there, "stock", "P1@online"));
  g_assert_false (has_change (there, "stock", "P1@TPE01"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  aisle_test_init (&argc, &argv);
  signal (SIGPIPE, SIG_IGN);
#define ADD(path, func) g_test_add ("/aisle/hub/scope/" path, Fixture, NULL, setup, func, teardown)
  ADD ("home-only", test_scope_home_only);
  ADD ("bound", test_scope_bound);
  ADD ("lookup", test_scope_lookup);
  ADD ("bought", test_scope_bought);
  ADD ("stock-nearby", test_scope_stock_nearby);
  return g_test_run ();
}
