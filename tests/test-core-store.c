/* test-core-store.c: opening, migrating and repairing the cache, and every typed call.
 * The worker and the demo generator are in test-core-demo.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-store"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "aisle-demo.h"
#include "aisle-store.h"
#include "aisle-store-sqlite.h"
#include "aisle-test.h"
#include "aisle-test-store.h"
#include "aisle-worker.h"

static char *
find_moved_aside (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "cache.db.corrupt-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* --- open, migrate, corrupt ---------------------------------------------------------------- */

static void
test_open_new (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_assert_cmpint (aisle_store_get_schema_version (f->store), ==,
                   aisle_store_get_latest_schema_version ());
  g_assert_cmpint (aisle_store_get_latest_schema_version (), >=, 2);
  g_assert_cmpstr (aisle_store_get_path (f->store), ==, f->path);
  /* WAL mode: a write creates the -wal file next to the cache. */
  g_assert_true (aisle_store_set_sync_state (f->store, "k", "v", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  /* Reopening a current file changes nothing. */
  g_clear_object (&f->store);
  f->store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aisle_store_get_schema_version (f->store), ==,
                   aisle_store_get_latest_schema_version ());
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* A version-1 cache written by hand (the old schema from the embedded 001 file, without the
 * search tables), with a member and a product: opening migrates it and backfills the index. */
static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) v1 = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_unlink (f->path);

  v1 = g_resource_lookup_data (aisle_store_get_resource (),
                               "/org/aisleretail/Aisle/store/001-initial.sql", 0, &error);
  g_assert_no_error (error);
  sql = g_strndup (g_bytes_get_data (v1, NULL), g_bytes_get_size (v1));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_sql (db, sql);
  exec_sql (db, "INSERT INTO members (id, number, name, phone, last_activity_at) "
                "VALUES ('m-1', '10000001', '歐陽娜娜', '0912345678', 100);"
                "INSERT INTO products (id, name, brand) VALUES ('P1', '無糖綠茶 600ml', '統一');"
                "INSERT INTO products (id, name, brand) VALUES ('P2', '洗碗精', '白蘭');"
                /* Before schema 3 barcodes were stored as given: a UPC-A, and a product
                 * that had both forms of one code; an in-store code stays as it is. */
                "INSERT INTO product_barcodes VALUES ('036000291452', 'P1');"
                "INSERT INTO product_barcodes VALUES ('0012345678905', 'P2');"
                "INSERT INTO product_barcodes VALUES ('012345678905', 'P2');"
                "INSERT INTO product_barcodes VALUES ('INSTORE-7', 'P2');"
                "PRAGMA user_version = 1;");
  sqlite3_close (db);

  f->store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aisle_store_get_schema_version (f->store), ==,
                   aisle_store_get_latest_schema_version ());

  found = aisle_store_search_members (f->store, "歐陽", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((AisleMember *) found->pdata[0])->id, ==, "m-1");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = aisle_store_search_members (f->store, "5678", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = aisle_store_search_products (f->store, "綠茶", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  {
    g_autoptr(AisleProduct) p1 = aisle_store_get_product_by_barcode (f->store, "036000291452",
                                                                     &error);
    g_autoptr(AisleProduct) p2 = aisle_store_get_product (f->store, "P2", &error);
    const char * const p2_codes[] = { "0012345678905", "INSTORE-7", NULL };

    g_assert_no_error (error);
    g_assert_cmpstr (p1->id, ==, "P1");
    g_assert_cmpstrv (p1->barcodes, ((const char * const[]) { "0036000291452", NULL }));
    g_assert_cmpstrv (p2->barcodes, p2_codes);
  }
}

/* Barcodes are stored by their GTIN-13, so every printed form of a code finds the product. */
static void
test_barcode_forms (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleProduct) tea = aisle_product_new ();
  g_autoptr(AisleProduct) gum = aisle_product_new ();
  g_autoptr(AisleProduct) clash = aisle_product_new ();
  g_autoptr(AisleProduct) stored = NULL;
  const char * const tea_codes[] = { "4710088412348", "96385074", " INSTORE-1 ", NULL };
  /* A UPC-A listed twice (also in its EAN-13 form) and one with a UPC-E. */
  const char * const gum_codes[] = { "036000291452", "0036000291452", "042100005264", NULL };
  static const struct
  {
    const char *query;
    const char *id;
  } lookups[] = {
    { "4710088412348", "tea" },   /* EAN-13 */
    { "96385074", "tea" },        /* EAN-8 */
    { "0000096385074", "tea" },   /* EAN-8 in its GTIN-13 form */
    { "INSTORE-1", "tea" },       /* not a GTIN: as given, trimmed */
    { "036000291452", "gum" },    /* UPC-A */
    { "0036000291452", "gum" },   /* UPC-A as EAN-13 */
    { " 036000291452\n", "gum" },
    { "04252614", "gum" },        /* UPC-E of 042100005264 */
    { "042100005264", "gum" },
    { "0042100005264", "gum" },
  };

  tea->id = g_strdup ("tea");
  tea->name = g_strdup ("無糖綠茶");
  tea->barcodes = g_strdupv ((GStrv) tea_codes);
  g_assert_true (aisle_store_upsert_product (f->store, tea, &error));
  g_assert_no_error (error);
  gum->id = g_strdup ("gum");
  gum->name = g_strdup ("Wrigley's");
  gum->barcodes = g_strdupv ((GStrv) gum_codes);
  g_assert_true (aisle_store_upsert_product (f->store, gum, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      g_autoptr(AisleProduct) found = aisle_store_get_product_by_barcode (f->store,
                                                                          lookups[i].query,
                                                                          &error);
      g_test_message ("%s", lookups[i].query);
      g_assert_no_error (error);
      g_assert_cmpstr (found->id, ==, lookups[i].id);
    }

  stored = aisle_store_get_product (f->store, "gum", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (stored->barcodes, ((const char * const[]) { "0036000291452", "0042100005264",
                                                                 NULL }));

  /* Eight digits valid as EAN-8 and as UPC-E: the EAN-8 reading first, then the UPC-E one. */
  {
    g_autoptr(AisleProduct) upce_only = aisle_product_new ();
    g_autoptr(AisleProduct) found = NULL;

    upce_only->id = g_strdup ("upce");
    upce_only->name = g_strdup ("UPC-E item");
    upce_only->barcodes = g_strsplit ("012345000065", " ", -1);
    g_assert_true (aisle_store_upsert_product (f->store, upce_only, &error));
    found = aisle_store_get_product_by_barcode (f->store, "01234565", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (found->id, ==, "upce");
  }

  /* Another form of a code another product has is the same barcode. */
  clash->id = g_strdup ("clash");
  clash->name = g_strdup ("clash");
  clash->barcodes = g_strsplit ("0000096385074", " ", -1);
  g_assert_false (aisle_store_upsert_product (f->store, clash, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_null (aisle_store_get_product_by_barcode (f->store, "4006381333931", &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (aisle_store_get_product_by_barcode (f->store, "  ", &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_sql (db, "PRAGMA user_version = 999");
  sqlite3_close (db);

  store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  /* Left in place for the newer Aisle, not moved aside. */
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_null (find_moved_aside (f->dir));
}

static void
check_moved_aside_and_reopen (Fixture      *f,
                              const guint8 *original,
                              gsize         original_len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;

  store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CORRUPT);
  g_assert_null (store);

  /* Never deleted: the original bytes are at the path the message names. */
  moved = find_moved_aside (f->dir);
  g_assert_nonnull (moved);
  g_assert_nonnull (strstr (error->message, moved));
  g_assert_true (g_file_get_contents (moved, &bytes, &len, NULL));
  g_assert_cmpmem (bytes, len, original, original_len);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* The caller can now open a fresh cache at the same path. */
  g_clear_error (&error);
  store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aisle_store_count_members (store, &error), ==, 0);
}

static void
test_corrupt_random (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree guint8 *noise = g_malloc (65536);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  g_clear_object (&f->store);
  aisle_test_rmdir (f->dir);
  g_mkdir (f->dir, 0700);
  for (gsize i = 0; i < 65536; i++)
    noise[i] = (guint8) g_rand_int (rand);
  g_assert_true (g_file_set_contents (f->path, (char *) noise, 65536, NULL));
  check_moved_aside_and_reopen (f, noise, 65536);
}

static void
test_corrupt_truncated (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;

  fill_demo (f->store, 200, 1, NULL);
  g_clear_object (&f->store);   /* closing checkpoints the WAL into the file */
  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 100000);

  /* Cut a real cache in half. */
  g_assert_true (g_file_set_contents (f->path, bytes, len / 2, NULL));
  check_moved_aside_and_reopen (f, (guint8 *) bytes, len / 2);
}

/* A store-side quick_check failure: a valid header over damaged pages. */
static void
test_corrupt_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;

  fill_demo (f->store, 100, 2, NULL);
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  /* Scribble over the second half, keeping the length and page 1. */
  for (gsize i = len / 2; i < len; i++)
    bytes[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (f->path, bytes, len, NULL));
  check_moved_aside_and_reopen (f, (guint8 *) bytes, len);
}

/* --- typed API round trips ----------------------------------------------------------------- */

static void
test_branches_staff (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(AisleBranch) got = NULL;
  g_autoptr(AisleStaff) s = NULL;
  static const struct { const char *id; double lat, lon; } b[] = {
    { "TPE01", 25.0394, 121.5674 }, { "KHH01", 22.6693, 120.3027 }, { "TXG01", 24.1650, 120.6440 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    {
      g_autoptr(AisleBranch) branch = aisle_branch_new ();

      branch->id = g_strdup (b[i].id);
      branch->name = g_strdup_printf ("店 %s", b[i].id);
      branch->latitude = b[i].lat;
      branch->longitude = b[i].lon;
      g_assert_true (aisle_store_upsert_branch (f->store, branch, &error));
      g_assert_no_error (error);
    }
  got = aisle_store_get_branch (f->store, "TXG01", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (got->latitude, 24.1650, 1e-9);

  /* From Tainan, Kaohsiung is nearest, then Taichung, then Taipei. */
  near = aisle_store_list_branches_near (f->store, 22.9997, 120.2270, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (near->len, ==, 3);
  g_assert_cmpstr (((AisleBranch *) near->pdata[0])->id, ==, "KHH01");
  g_assert_cmpstr (((AisleBranch *) near->pdata[1])->id, ==, "TXG01");
  g_assert_cmpstr (((AisleBranch *) near->pdata[2])->id, ==, "TPE01");
  /* Taipei 101 to Kaohsiung is about 300 km as the crow flies. */
  g_assert_cmpfloat (aisle_distance_km (25.0339, 121.5645, 22.6273, 120.3014), >, 280);
  g_assert_cmpfloat (aisle_distance_km (25.0339, 121.5645, 22.6273, 120.3014), <, 320);

  s = aisle_staff_new ();
  s->id = g_strdup ("S0002");
  s->branch_id = g_strdup ("TPE01");
  s->name = g_strdup ("歐陽志明");
  s->pin_hash = g_strdup ("$argon2id$v=19$m=8,t=1,p=1$x$y");
  g_assert_true (aisle_store_upsert_staff (f->store, s, &error));
  g_free (s->id);
  s->id = g_strdup ("S0001");
  g_free (s->name);
  s->name = g_strdup ("王大同");
  s->role = AISLE_STAFF_ROLE_MANAGER;
  g_assert_true (aisle_store_upsert_staff (f->store, s, &error));
  g_free (s->id);
  s->id = g_strdup ("S0009");
  s->branch_id[0] = 'X';   /* another store */
  g_assert_true (aisle_store_upsert_staff (f->store, s, &error));
  g_assert_no_error (error);

  staff = aisle_store_list_staff (f->store, "TPE01", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, ==, 2);
  g_clear_pointer (&staff, g_ptr_array_unref);
  g_clear_pointer (&s, aisle_staff_free);
  s = aisle_store_get_staff (f->store, "S0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->role, ==, AISLE_STAFF_ROLE_MANAGER);
  g_assert_true (s->active);

  /* Staff search: surname, compound surname, given name, full name, staff number. */
  staff = aisle_store_search_staff (f->store, "TPE01", "王", 10, &error);
  g_assert_cmpuint (staff->len, ==, 1);
  g_clear_pointer (&staff, g_ptr_array_unref);
  staff = aisle_store_search_staff (f->store, "TPE01", "歐陽", 10, &error);
  g_assert_cmpuint (staff->len, ==, 1);
  g_assert_cmpstr (((AisleStaff *) staff->pdata[0])->id, ==, "S0002");
  g_clear_pointer (&staff, g_ptr_array_unref);
  staff = aisle_store_search_staff (f->store, "TPE01", "志明", 10, &error);
  g_assert_cmpuint (staff->len, ==, 1);
  g_clear_pointer (&staff, g_ptr_array_unref);
  staff = aisle_store_search_staff (f->store, NULL, "王大同", 10, &error);
  g_assert_cmpuint (staff->len, ==, 2);
  g_clear_pointer (&staff, g_ptr_array_unref);
  staff = aisle_store_search_staff (f->store, NULL, "s0002", 10, &error);
  g_assert_cmpuint (staff->len, ==, 1);
  g_clear_pointer (&staff, g_ptr_array_unref);
  staff = aisle_store_search_staff (f->store, NULL, "陳", 10, &error);
  g_assert_cmpuint (staff->len, ==, 0);
  g_assert_no_error (error);

  g_assert_null (aisle_store_get_staff (f->store, "S9999", &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
}

static void
test_members (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) m = make_member ("m-1", "陳小明", "+886 912-345-678", 100);
  g_autoptr(AisleMember) got = NULL;
  g_autoptr(GPtrArray) found = NULL;

  m->number = g_strdup ("10000001");
  m->tier = g_strdup ("gold");
  m->birth_month = 7;
  m->home_branch_id = g_strdup ("TPE01");
  g_assert_true (aisle_store_upsert_member (f->store, m, &error));
  g_assert_no_error (error);

  got = aisle_store_get_member (f->store, "m-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->phone, ==, "0912345678");   /* stored normalised */
  g_assert_cmpstr (got->number, ==, "10000001");
  g_assert_cmpstr (got->tier, ==, "gold");
  g_assert_cmpint (got->birth_month, ==, 7);
  g_assert_cmpstr (got->home_branch_id, ==, "TPE01");
  g_clear_pointer (&got, aisle_member_free);

  got = aisle_store_get_member_by_number (f->store, "10000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->id, ==, "m-1");
  g_clear_pointer (&got, aisle_member_free);
  got = aisle_store_get_member_by_phone (f->store, "0912 345 678", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->id, ==, "m-1");
  g_clear_pointer (&got, aisle_member_free);
  g_assert_null (aisle_store_get_member_by_phone (f->store, "hello", &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (aisle_store_get_member (f->store, "nobody", &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Touch: newer moves forward, older is ignored. */
  g_assert_true (aisle_store_touch_member (f->store, "m-1", 500, &error));
  g_assert_true (aisle_store_touch_member (f->store, "m-1", 200, &error));
  g_assert_no_error (error);
  got = aisle_store_get_member (f->store, "m-1", &error);
  g_assert_cmpint (got->last_activity_at, ==, 500);
  g_clear_pointer (&got, aisle_member_free);
  g_assert_false (aisle_store_touch_member (f->store, "nobody", 1, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A rename re-indexes: the new name is found, the old one is not. */
  g_free (m->name);
  m->name = g_strdup ("林美玲");
  m->last_activity_at = 600;
  g_assert_true (aisle_store_upsert_member (f->store, m, &error));
  found = aisle_store_search_members (f->store, "陳小明", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = aisle_store_search_members (f->store, "美玲", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (aisle_store_count_members (f->store, &error), ==, 1);

  /* Refusals. */
  g_free (m->id);
  m->id = g_strdup ("");
  g_assert_false (aisle_store_upsert_member (f->store, m, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (m->id);
  m->id = g_strdup ("m-2");   /* same member number as m-1 */
  g_assert_false (aisle_store_upsert_member (f->store, m, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT);
  g_assert_cmpuint (aisle_store_get_transaction_depth (f->store), ==, 0);
}

static void
test_consent_bindings_notes_tags (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleConsent) c = aisle_consent_new ();
  g_autoptr(AisleConsent) latest = NULL;
  g_autoptr(AisleBinding) b = aisle_binding_new ();
  g_autoptr(AisleBinding) active = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) tags = NULL;
  const char *set[] = { "VIP", "素食", "VIP", NULL };
  gint64 seq1 = 0, seq2 = 0;

  add_member (f->store, "m-1", "王小明", "0912345678", 1);

  c->member_id = g_strdup ("m-1");
  c->policy_version = g_strdup ("2024-01");
  c->text_hash = g_strdup ("ab12");
  c->privacy = TRUE;
  c->marketing = TRUE;
  c->at = 10;
  c->channel = g_strdup ("kiosk");
  g_assert_true (aisle_store_append_consent (f->store, c, &seq1, &error));
  c->marketing = FALSE;
  c->at = 20;
  g_assert_true (aisle_store_append_consent (f->store, c, &seq2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq2, >, seq1);
  latest = aisle_store_get_latest_consent (f->store, "m-1", &error);
  g_assert_false (latest->marketing);
  g_assert_cmpint (latest->seq, ==, seq2);
  list = aisle_store_list_consents (f->store, "m-1", &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (((AisleConsent *) list->pdata[1])->marketing);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_free (c->member_id);
  c->member_id = g_strdup ("nobody");   /* the foreign key holds */
  g_assert_false (aisle_store_append_consent (f->store, c, NULL, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  b->id = g_strdup ("b-1");
  b->member_id = g_strdup ("m-1");
  b->staff_id = g_strdup ("S0002");
  b->branch_id = g_strdup ("TPE01");
  b->since = 100;
  b->source = g_strdup ("associate_qr");
  g_assert_true (aisle_store_create_binding (f->store, b, &error));
  g_assert_no_error (error);
  /* At most one active binding per member. */
  g_free (b->id);
  b->id = g_strdup ("b-2");
  b->since = 200;
  g_assert_false (aisle_store_create_binding (f->store, b, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (aisle_store_end_binding (f->store, "b-1", 150, &error));
  g_assert_false (aisle_store_end_binding (f->store, "b-1", 160, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (aisle_store_create_binding (f->store, b, &error));
  g_assert_no_error (error);
  active = aisle_store_get_active_binding (f->store, "m-1", &error);
  g_assert_cmpstr (active->id, ==, "b-2");
  g_assert_cmpstr (active->source, ==, "associate_qr");
  list = aisle_store_list_bindings (f->store, "m-1", &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AisleBinding *) list->pdata[0])->id, ==, "b-2");
  g_assert_cmpint (((AisleBinding *) list->pdata[1])->until, ==, 150);
  g_clear_pointer (&list, g_ptr_array_unref);

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(AisleNote) n = aisle_note_new ();

      n->id = g_strdup_printf ("n-%d", i);
      n->member_id = g_strdup ("m-1");
      n->staff_id = g_strdup ("S0002");
      n->text = g_strdup (i == 0 ? "對堅果過敏" : "週末來店");
      n->at = 10 + i;
      g_assert_true (aisle_store_add_note (f->store, n, &error));
    }
  list = aisle_store_list_notes (f->store, "m-1", &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AisleNote *) list->pdata[0])->text, ==, "週末來店");

  g_assert_true (aisle_store_set_member_tags (f->store, "m-1", set, &error));
  tags = aisle_store_list_member_tags (f->store, "m-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "VIP");
  g_clear_pointer (&tags, g_strfreev);
  g_assert_true (aisle_store_set_member_tags (f->store, "m-1", NULL, &error));
  tags = aisle_store_list_member_tags (f->store, "m-1", &error);
  g_assert_cmpuint (g_strv_length (tags), ==, 0);
}

static void
test_products_stock (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleProduct) p = aisle_product_new ();
  g_autoptr(AisleProduct) got = NULL;
  g_autoptr(AisleStock) s = aisle_stock_new ();
  g_autoptr(GPtrArray) stock = NULL;
  const char *codes[] = { "4710088412345", "4710088412352", NULL };
  const char *one[] = { "4710088412352", NULL };

  p->id = g_strdup ("P000001");
  p->name = g_strdup ("無糖綠茶 600ml");
  p->brand = g_strdup ("統一");
  p->category = g_strdup ("飲料");
  p->price = 2500;
  p->barcodes = g_strdupv ((GStrv) codes);
  g_assert_true (aisle_store_upsert_product (f->store, p, &error));
  g_assert_no_error (error);

  got = aisle_store_get_product_by_barcode (f->store, "4710088412352", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->id, ==, "P000001");
  g_assert_cmpstrv (got->barcodes, codes);
  g_assert_cmpint (got->price, ==, 2500);
  g_clear_pointer (&got, aisle_product_free);

  /* Barcodes are replaced, not merged. */
  g_strfreev (p->barcodes);
  p->barcodes = g_strdupv ((GStrv) one);
  g_assert_true (aisle_store_upsert_product (f->store, p, &error));
  g_assert_null (aisle_store_get_product_by_barcode (f->store, "4710088412345", &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  got = aisle_store_get_product (f->store, "P000001", &error);
  g_assert_cmpstrv (got->barcodes, one);

  /* A barcode belongs to one product. */
  g_free (p->id);
  p->id = g_strdup ("P000002");
  g_assert_false (aisle_store_upsert_product (f->store, p, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (aisle_store_get_product (f->store, "P000002", &error));   /* rolled back */
  g_clear_error (&error);

  s->product_id = g_strdup ("P000001");
  s->location_id = g_strdup ("TPE01");
  s->on_hand = 12;
  g_assert_true (aisle_store_set_stock (f->store, s, &error));
  g_free (s->location_id);
  s->location_id = g_strdup (AISLE_LOCATION_ONLINE);
  s->on_hand = 340;
  s->reserved = 2;
  g_assert_true (aisle_store_set_stock (f->store, s, &error));
  s->on_hand = 339;   /* an update, not a new row */
  g_assert_true (aisle_store_set_stock (f->store, s, &error));
  g_assert_no_error (error);
  stock = aisle_store_list_stock (f->store, "P000001", &error);
  g_assert_cmpuint (stock->len, ==, 2);
  g_assert_cmpstr (((AisleStock *) stock->pdata[0])->location_id, ==, "TPE01");
  g_assert_cmpint (((AisleStock *) stock->pdata[1])->on_hand, ==, 339);
  g_assert_cmpint (((AisleStock *) stock->pdata[1])->reserved, ==, 2);
}

static void
test_orders_points_coupons (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AisleOrder) got = NULL;
  g_autoptr(AisleCoupon) c = aisle_coupon_new ();
  g_autoptr(AisleCoupon) cg = NULL;
  g_autoptr(AisleMember) m = NULL;

  add_member (f->store, "m-1", "王小明", "0912345678", 1);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(AisleOrder) o = aisle_order_new ();
      AisleOrderItem *item = aisle_order_item_new ();

      o->id = g_strdup_printf ("o-%d", i);
      o->member_id = g_strdup ("m-1");
      o->channel = i == 0 ? AISLE_CHANNEL_STORE : AISLE_CHANNEL_ONLINE;
      o->fulfilment = i == 0 ? AISLE_FULFILMENT_IN_STORE : AISLE_FULFILMENT_DELIVERY;
      o->status = i == 2 ? AISLE_ORDER_STATUS_SHIPPED : AISLE_ORDER_STATUS_COMPLETED;
      o->tracking = i == 2 ? g_strdup ("黑貓 123") : NULL;
      o->placed_at = 1000 + i * 10;
      o->total = 5000;
      o->credited_staff_id = g_strdup ("S0002");
      o->credited_branch_id = g_strdup ("TPE01");
      o->credit_reason = g_strdup (i == 0 ? "sold_by" : "binding:b-1");
      item->product_id = g_strdup ("P000001");
      item->name = g_strdup ("無糖綠茶");
      item->quantity = 2;
      item->unit_price = 2500;
      g_ptr_array_add (o->items, item);
      g_assert_true (aisle_store_upsert_order (f->store, o, &error));
      g_assert_no_error (error);
    }
  orders = aisle_store_list_orders_for_member (f->store, "m-1", 10, &error);
  g_assert_cmpuint (orders->len, ==, 3);
  g_assert_cmpstr (((AisleOrder *) orders->pdata[0])->id, ==, "o-2");   /* newest first */
  g_assert_cmpstr (((AisleOrder *) orders->pdata[0])->tracking, ==, "黑貓 123");
  g_assert_cmpuint (((AisleOrder *) orders->pdata[0])->items->len, ==, 1);
  g_clear_pointer (&orders, g_ptr_array_unref);
  orders = aisle_store_list_orders_for_member (f->store, "m-1", 2, &error);
  g_assert_cmpuint (orders->len, ==, 2);
  got = aisle_store_get_order (f->store, "o-0", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->channel, ==, AISLE_CHANNEL_STORE);
  g_assert_cmpint (got->fulfilment, ==, AISLE_FULFILMENT_IN_STORE);
  g_assert_cmpint (got->status, ==, AISLE_ORDER_STATUS_COMPLETED);
  g_assert_cmpstr (got->credit_reason, ==, "sold_by");
  g_assert_cmpfloat (((AisleOrderItem *) got->items->pdata[0])->quantity, ==, 2);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(AislePointsEntry) e = aisle_points_entry_new ();

      e->id = g_strdup_printf ("pt-%d", i);
      e->member_id = g_strdup ("m-1");
      e->delta = i == 2 ? -30 : 50;
      e->reason = g_strdup_printf ("order:o-%d", i);
      e->at = 1000 + i;
      g_assert_true (aisle_store_append_points (f->store, e, &error));
    }
  g_assert_cmpint (aisle_store_get_points_balance (f->store, "m-1", &error), ==, 70);
  g_assert_no_error (error);
  m = aisle_store_get_member (f->store, "m-1", &error);
  g_assert_cmpint (m->points, ==, 70);   /* the cached balance follows the ledger */
  list = aisle_store_list_points (f->store, "m-1", 10, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((AislePointsEntry *) list->pdata[0])->delta, ==, -30);
  g_clear_pointer (&list, g_ptr_array_unref);

  c->code = g_strdup ("CP0000000001");
  c->member_id = g_strdup ("m-1");
  c->title = g_strdup ("滿千折百");
  c->value = 10000;
  c->valid_from = 100;
  c->valid_until = 5000;
  g_assert_true (aisle_store_upsert_coupon (f->store, c, &error));
  g_free (c->code);
  c->code = g_strdup ("CP0000000002");
  c->valid_until = 500;   /* expired at 1000 */
  g_assert_true (aisle_store_upsert_coupon (f->store, c, &error));
  list = aisle_store_list_coupons_for_member (f->store, "m-1", TRUE, 1000, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = aisle_store_list_coupons_for_member (f->store, "m-1", FALSE, 1000, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (aisle_store_redeem_coupon (f->store, "CP0000000001", "TPE01", 1200, &error));
  g_assert_no_error (error);
  g_assert_false (aisle_store_redeem_coupon (f->store, "CP0000000001", "TPE01", 1300, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (aisle_store_redeem_coupon (f->store, "CP-none", NULL, 1300, &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  cg = aisle_store_get_coupon (f->store, "CP0000000001", &error);
  g_assert_cmpint (cg->redeemed_at, ==, 1200);
  g_assert_cmpstr (cg->redeemed_branch_id, ==, "TPE01");
  list = aisle_store_list_coupons_for_member (f->store, "m-1", TRUE, 1000, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_invoices_reservations (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleInvoice) inv = aisle_invoice_new ();
  g_autoptr(AisleInvoice) got = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(AisleReservation) r0 = NULL;

  add_member (f->store, "m-1", "王小明", "0912345678", 1);
  inv->number = g_strdup ("AB12345678");
  inv->date = g_strdup ("1151031");
  inv->random_code = g_strdup ("0427");
  inv->seller_id = g_strdup ("24549210");
  inv->total = 32000;
  inv->member_id = g_strdup ("m-1");
  inv->points = 3;
  inv->registered_at = 99;
  g_assert_true (aisle_store_upsert_invoice (f->store, inv, &error));
  got = aisle_store_get_invoice (f->store, "AB12345678", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->random_code, ==, "0427");
  g_assert_cmpint (got->total, ==, 32000);
  g_assert_cmpstr (got->member_id, ==, "m-1");

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(AisleReservation) r = aisle_reservation_new ();

      r->id = g_strdup_printf ("r-%d", i);
      r->member_id = g_strdup ("m-1");
      r->product_id = g_strdup ("P000001");
      r->branch_id = g_strdup ("NTP01");
      r->quantity = 1;
      r->status = i == 1 ? AISLE_RESERVATION_FULFILLED : AISLE_RESERVATION_OPEN;
      r->created_at = 100 + i;
      r->expires_at = 800;
      r->staff_id = g_strdup ("S0002");
      g_assert_true (aisle_store_upsert_reservation (f->store, r, &error));
      g_assert_no_error (error);
    }
  open = aisle_store_list_open_reservations (f->store, "m-1", &error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpstr (((AisleReservation *) open->pdata[0])->id, ==, "r-2");
  r0 = aisle_store_get_reservation (f->store, "r-1", &error);
  g_assert_cmpint (r0->status, ==, AISLE_RESERVATION_FULFILLED);
  g_assert_cmpstr (r0->branch_id, ==, "NTP01");
}

static void
test_outbox_sync_state (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *missing = NULL;
  gint64 id1, id2, id3, id4;

  id1 = aisle_store_outbox_append (f->store, "member.enrol", "{\"name\":\"王小明\"}", NULL, 1, &error);
  id2 = aisle_store_outbox_append (f->store, "note.add", "{}", "S0002", 2, &error);
  id3 = aisle_store_outbox_append (f->store, "coupon.redeem", "{\"code\":\"CP1\"}", "S0002", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, ==, 1);
  g_assert_cmpint (id2, ==, 2);
  g_assert_cmpint (id3, ==, 3);
  g_assert_cmpint (aisle_store_outbox_count (f->store, &error), ==, 3);

  list = aisle_store_outbox_list (f->store, 1, 1, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((AisleMutation *) list->pdata[0])->id, ==, 2);
  g_assert_cmpstr (((AisleMutation *) list->pdata[0])->staff_id, ==, "S0002");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Arguments must be a JSON object. */
  g_assert_cmpint (aisle_store_outbox_append (f->store, "x", "[1]", NULL, 4, &error), ==, 0);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Emptied, the outbox never reuses an id: the hub would skip it as already applied. */
  g_assert_true (aisle_store_outbox_delete_through (f->store, 3, &error));
  g_assert_cmpint (aisle_store_outbox_count (f->store, &error), ==, 0);
  g_clear_object (&f->store);
  f->store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  id4 = aisle_store_outbox_append (f->store, "note.add", "{}", NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id4, ==, 4);

  g_assert_true (aisle_store_set_sync_state (f->store, "cursor", "c-17", &error));
  g_assert_true (aisle_store_set_sync_state (f->store, "cursor", "c-18", &error));
  cursor = aisle_store_get_sync_state (f->store, "cursor", &error);
  g_assert_cmpstr (cursor, ==, "c-18");
  missing = aisle_store_get_sync_state (f->store, "nope", &error);
  g_assert_null (missing);
  g_assert_no_error (error);
  g_assert_true (aisle_store_set_sync_state (f->store, "cursor", NULL, &error));
  g_clear_pointer (&cursor, g_free);
  cursor = aisle_store_get_sync_state (f->store, "cursor", &error);
  g_assert_null (cursor);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) gone = NULL;

  /* An outer rollback undoes an inner commit (a savepoint). */
  g_assert_true (aisle_store_begin (f->store, &error));
  g_assert_true (aisle_store_begin (f->store, &error));
  g_assert_cmpuint (aisle_store_get_transaction_depth (f->store), ==, 2);
  add_member (f->store, "m-1", "王小明", "0912345678", 1);
  g_assert_true (aisle_store_commit (f->store, &error));
  aisle_store_outbox_append (f->store, "member.enrol", "{}", NULL, 1, &error);
  aisle_store_rollback (f->store);
  g_assert_cmpuint (aisle_store_get_transaction_depth (f->store), ==, 0);
  gone = aisle_store_get_member (f->store, "m-1", &error);
  g_assert_null (gone);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (aisle_store_outbox_count (f->store, &error), ==, 0);

  /* An inner rollback keeps the outer work. */
  g_assert_true (aisle_store_begin (f->store, &error));
  add_member (f->store, "m-2", "林美玲", "0922345678", 1);
  g_assert_true (aisle_store_begin (f->store, &error));
  add_member (f->store, "m-3", "陳大文", "0932345678", 1);
  aisle_store_rollback (f->store);
  g_assert_true (aisle_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (aisle_store_count_members (f->store, &error), ==, 1);
}

/* The connection of aisle-store-sqlite.h runs SQL inside the store's own transactions. */
static void
test_sqlite_accessor (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = aisle_store_get_sqlite (f->store);
  sqlite3_stmt *stmt;

  g_assert_nonnull (db);
  g_assert_true (aisle_store_begin (f->store, &error));
  g_assert_true (sqlite3_get_autocommit (db) == 0);
  {
    g_auto(AisleStmt) insert = aisle_store_prepare_cached (f->store,
                                                           "INSERT INTO sync_state (key, value) "
                                                           "VALUES (?1, ?2)", &error);
    g_assert_no_error (error);
    aisle_sqlite_bind_text (insert, 1, "probe");
    aisle_sqlite_bind_text (insert, 2, NULL);
    g_assert_true (aisle_store_step_done (f->store, insert, "probing", &error));
  }
  aisle_store_rollback (f->store);
  g_assert_true (sqlite3_get_autocommit (db) != 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sync_state WHERE key = 'probe'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  /* The same text comes back as the same cached statement; errors map to the store's domain. */
  g_assert_true (aisle_store_prepare_cached (f->store, "SELECT 1", &error) ==
                 aisle_store_prepare_cached (f->store, "SELECT 1", &error));
  g_assert_null (aisle_store_prepare_cached (f->store, "SELECT nonsense FROM nowhere", &error));
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_FAILED);
  g_clear_error (&error);
  aisle_store_set_sqlite_error (f->store, SQLITE_BUSY, "probing", &error);
  g_assert_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_BUSY);
}

static void
add_api_tests (void)
{
#define ADD_API(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD_API ("/aisle/core/store/api/branches-staff", test_branches_staff);
  ADD_API ("/aisle/core/store/api/members", test_members);
  ADD_API ("/aisle/core/store/api/consent-bindings-notes-tags", test_consent_bindings_notes_tags);
  ADD_API ("/aisle/core/store/api/products-stock", test_products_stock);
  ADD_API ("/aisle/core/store/api/barcode-forms", test_barcode_forms);
  ADD_API ("/aisle/core/store/api/orders-points-coupons", test_orders_points_coupons);
  ADD_API ("/aisle/core/store/api/invoices-reservations", test_invoices_reservations);
  ADD_API ("/aisle/core/store/api/outbox-sync-state", test_outbox_sync_state);
  ADD_API ("/aisle/core/store/transactions", test_transactions);
  ADD_API ("/aisle/core/store/sqlite-accessor", test_sqlite_accessor);

#undef ADD_API
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add ("/aisle/core/store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("open/new", test_open_new);
  ADD ("migrate/v1", test_migrate_v1);
  ADD ("migrate/too-new", test_too_new);
  ADD ("corrupt/random-bytes", test_corrupt_random);
  ADD ("corrupt/truncated", test_corrupt_truncated);
  ADD ("corrupt/damaged-pages", test_corrupt_pages);
  add_api_tests ();

#undef ADD
  return g_test_run ();
}
