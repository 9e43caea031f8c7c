/* test-sync-coupon.c: a coupon the tablet's cache does not have is asked of the hub
 * (GET /v1/coupons), cached, and checked like a cached one; offline nothing changes.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real hub on loopback. Coupons are issued on the hub (written into its database by the
 * test, as an issuing system would) after the tablet's last sync.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "aisle-test.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

#define MEMBER "00000000-0000-4000-8779-000000000001"    /* enrolled at TPE01 */
#define STRANGER "00000000-0000-4000-8779-000000000002"  /* enrolled at TPE02 */

typedef struct
{
  Fixture  hub;
  char    *url;
  Device  *dev;
} CouponFixture;

static void
sync_ok (Device *d)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (device_sync (d, &error));
  g_assert_no_error (error);
}

static Device *
open_paired (CouponFixture *f,
             const char    *file,
             const char    *store,
             const char    *mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->hub.dir, file, NULL);
  g_autofree char *code = admin (&f->hub, NULL, "pair-code", store, mode, NULL);
  Device *d = device_open (path, f->hub.session);

  aisle_sync_client_set_timeout (d->client, 2);
  g_assert_true (device_pair (d, f->url, g_strstrip (code), &error));
  g_assert_no_error (error);
  return d;
}

/* A member of TPE01 on the tablet; another, enrolled on a kiosk of TPE02, outside its scope. */
static void
coupon_setup (CouponFixture *f,
              gconstpointer  data)
{
  g_autoptr(Device) kiosk = NULL;

  setup (&f->hub, data);
  f->url = g_strdup_printf ("http://127.0.0.1:%u", f->hub.port);
  f->dev = open_paired (f, "tablet.db", "TPE01", "tablet");
  kiosk = open_paired (f, "kiosk.db", "TPE02", "kiosk");
  device_enrol (f->dev, MEMBER, "林怡君", "0911000111", "S0001");
  device_enrol (kiosk, STRANGER, "林怡君", "0922000222", NULL);
  sync_ok (f->dev);
  sync_ok (kiosk);
}

static void
coupon_teardown (CouponFixture *f,
                 gconstpointer  data)
{
  device_close (f->dev);
  g_free (f->url);
  teardown (&f->hub, data);
}

/* Issues a coupon on the hub, as the issuing system would, while the hub serves. */
static void
issue (CouponFixture *f,
       const char    *code,
       const char    *member_id,
       gint64         valid_until,
       gint64         redeemed_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (f->hub.db, AISLE_STORE_OPEN_NONE, &error);
  g_autoptr(AisleCoupon) coupon = aisle_coupon_new ();

  g_assert_no_error (error);
  coupon->code = g_strdup (code);
  coupon->member_id = g_strdup (member_id);
  coupon->title = g_strdup ("生日禮 NT$200");
  coupon->value = 20000;
  coupon->valid_until = valid_until;
  coupon->redeemed_at = redeemed_at;
  coupon->redeemed_branch_id = g_strdup (redeemed_at != 0 ? "TPE02" : NULL);
  g_assert_true (aisle_store_upsert_coupon (store, coupon, &error));
  g_assert_no_error (error);
}

typedef struct
{
  gboolean          done;
  AisleCouponCheck  check;
  AisleCoupon      *coupon;
  GError           *error;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->coupon, aisle_coupon_free);
  g_clear_error (&a->error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Answer *a = user_data;

  a->check = aisle_sync_client_lookup_coupon_finish (AISLE_SYNC_CLIENT (source), result,
                                                     &a->coupon, &a->error);
  a->done = TRUE;
}

static void
lookup (Device     *d,
        const char *code,
        const char *member_id,
        Answer     *a)
{
  answer_clear (a);
  a->done = FALSE;
  aisle_sync_client_lookup_coupon_async (d->client, code, member_id, NULL, lookup_cb, a);
  while (!a->done)
    g_main_context_iteration (NULL, TRUE);
}

static gint64
cached (CouponFixture *f,
        const char    *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM coupons WHERE code = '%s'", code);

  return device_query_int (f->dev, sql);
}

/* Issued after the last sync: the hub's answer is cached and the coupon redeemed at once;
 * another member's, expired, used and unknown coupons are refused with their reason, and
 * a coupon of a member outside the store's scope reveals nothing but that. */
static void
test_lookup (CouponFixture *f,
             gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  Answer a = { 0 };

  issue (f, "AC-NEW1", MEMBER, now + 86400, 0);
  issue (f, "AC-EXP1", MEMBER, now - 86400, 0);
  issue (f, "AC-USED1", MEMBER, now + 86400, now - 3600);
  issue (f, "AC-THEIRS", STRANGER, now + 86400, 0);
  g_assert_cmpint (cached (f, "AC-NEW1"), ==, 0);

  lookup (f->dev, "AC-NEW1", MEMBER, &a);
  g_assert_no_error (a.error);
  g_assert_cmpint (a.check, ==, AISLE_COUPON_OK);
  g_assert_cmpstr (a.coupon->title, ==, "生日禮 NT$200");
  g_assert_cmpint (cached (f, "AC-NEW1"), ==, 1);
  /* Redeemed as a cached coupon is: at once on the tablet, once on the hub. */
  g_assert_cmpint (device_mutate (f->dev, "coupon.redeem", "{\"code\":\"AC-NEW1\",\"member_id\":\""
                                  MEMBER "\"}", "S0001", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (device_query_int (f->dev, "SELECT redeemed_at > 0 FROM coupons WHERE code = "
                                             "'AC-NEW1'"), ==, 1);
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 0);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT count(*) FROM coupon_redemptions WHERE code = "
                                           "'AC-NEW1'"), ==, 1);

  lookup (f->dev, "AC-EXP1", MEMBER, &a);
  g_assert_no_error (a.error);
  g_assert_cmpint (a.check, ==, AISLE_COUPON_EXPIRED);
  g_assert_nonnull (a.coupon);

  lookup (f->dev, "AC-USED1", MEMBER, &a);
  g_assert_cmpint (a.check, ==, AISLE_COUPON_REDEEMED);
  g_assert_cmpstr (a.coupon->redeemed_branch_id, ==, "TPE02");

  /* The member at the counter is not its owner, who is outside TPE01's scope: only that. */
  lookup (f->dev, "AC-THEIRS", MEMBER, &a);
  g_assert_no_error (a.error);
  g_assert_cmpint (a.check, ==, AISLE_COUPON_OTHER_MEMBER);
  g_assert_null (a.coupon);
  g_assert_cmpint (cached (f, "AC-THEIRS"), ==, 0);

  /* Asked for someone else, a coupon of a member in the store's scope is that member's. */
  lookup (f->dev, "AC-EXP1", STRANGER, &a);
  g_assert_cmpint (a.check, ==, AISLE_COUPON_OTHER_MEMBER);

  lookup (f->dev, "AC-NOPE", MEMBER, &a);
  g_assert_no_error (a.error);
  g_assert_cmpint (a.check, ==, AISLE_COUPON_UNKNOWN);
  g_assert_null (a.coupon);
  g_assert_cmpint (cached (f, "AC-NOPE"), ==, 0);
  answer_clear (&a);
}

/* The endpoint itself: tablets only, one code, and bad queries named. */
static void
test_endpoint (CouponFixture *f,
               gconstpointer  data)
{
  g_autofree char *kiosk = pair (&f->hub, "kiosk");
  g_autofree char *body = NULL;
  g_autofree char *body2 = NULL;

  issue (f, "AC-OPEN", NULL, 0, 0);
  g_assert_cmpuint (call (&f->hub, NULL, "GET", "/v1/coupons?code=AC-OPEN", f->hub.token, NULL, &body),
                    ==, 200);
  g_assert_nonnull (strstr (body, "\"code\":\"AC-OPEN\""));
  g_assert_cmpuint (call (&f->hub, NULL, "GET", "/v1/coupons?code=AC-OPEN", kiosk, NULL, NULL), ==, 403);
  g_assert_cmpuint (call (&f->hub, NULL, "GET", "/v1/coupons?code=AC-OPEN", NULL, NULL, NULL), ==, 401);
  g_assert_cmpuint (call (&f->hub, NULL, "GET", "/v1/coupons", f->hub.token, NULL, NULL), ==, 400);
  g_assert_cmpuint (call (&f->hub, NULL, "GET", "/v1/coupons?code=A&q=1", f->hub.token, NULL, NULL),
                    ==, 400);
  g_assert_cmpuint (call (&f->hub, NULL, "GET", "/v1/coupons?code=AC-NOPE", f->hub.token, NULL, &body2),
                    ==, 200);
  g_assert_cmpstr (body2, ==, "{\"coupon\":null}");
}

/* The hub cannot be reached: the tablet is told so, and nothing is cached or queued. */
static void
test_offline (CouponFixture *f,
              gconstpointer  data)
{
  Answer a = { 0 };

  issue (f, "AC-LATER", MEMBER, 0, 0);
  stop_hub (&f->hub, SIGTERM);
  lookup (f->dev, "AC-LATER", MEMBER, &a);
  g_assert_error (a.error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (a.check, ==, AISLE_COUPON_UNKNOWN);
  g_assert_cmpint (cached (f, "AC-LATER"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM outbox"), ==, 0);
  answer_clear (&a);
}

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func) \
  g_test_add ("/aisle/sync/coupon/" path, CouponFixture, NULL, coupon_setup, func, coupon_teardown)
  ADD ("lookup", test_lookup);
  ADD ("endpoint", test_endpoint);
  ADD ("offline", test_offline);
  return g_test_run ();
}
