/* aisle-test-store.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-store"

#include "config.h"

#include <sodium.h>

#include "aisle-test.h"
#include "aisle-test-store.h"


void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = aisle_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "cache.db", NULL);
  f->store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  aisle_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

void
fill_demo (AisleStore *store,
           guint       members,
           guint64     seed,
           AisleDemoStats *stats)
{
  g_autoptr(GError) error = NULL;
  AisleDemoOptions options;

  aisle_demo_options_init (&options);
  options.seed = seed;
  options.n_members = members;
  options.n_products = 300;
  /* The cheapest argon2id: the test is about the data, not the hash cost. */
  options.pin_opslimit = crypto_pwhash_OPSLIMIT_MIN;
  options.pin_memlimit = crypto_pwhash_MEMLIMIT_MIN;
  g_assert_true (aisle_demo_generate (store, &options, stats, &error));
  g_assert_no_error (error);
}

AisleMember *
make_member (const char *id,
             const char *name,
             const char *phone,
             gint64      activity)
{
  AisleMember *m = aisle_member_new ();

  m->id = g_strdup (id);
  m->name = g_strdup (name);
  m->phone = g_strdup (phone);
  m->last_activity_at = activity;
  m->enrolled_at = 1;
  return m;
}

void
add_member (AisleStore *store,
            const char *id,
            const char *name,
            const char *phone,
            gint64      activity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) m = make_member (id, name, phone, activity);

  g_assert_true (aisle_store_upsert_member (store, m, &error));
  g_assert_no_error (error);
}
