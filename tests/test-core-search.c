/* test-core-search.c: member and product search on Taiwanese data.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-search"

#include "config.h"

#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "aisle-demo.h"
#include "aisle-store-private.h"
#include "aisle-test.h"

typedef struct
{
  char        *dir;
  AisleStore  *store;
} Fixture;

typedef struct
{
  const char *id, *number, *name, *phone;
  gint64 activity;
} Person;

/* Activity decides the order of results: higher is more recent. */
static const Person people[] = {
  { "m-chen", "10000001", "陳小明", "0912345678", 500 },
  { "m-wang1", "10000002", "王小明", "0922111678", 900 },
  { "m-wang2", "10000003", "王大同", "0933222678", 300 },
  { "m-ouyang", "10000004", "歐陽娜娜", "0911000111", 700 },
  { "m-sima", "10000005", "司馬光", "0955123456", 100 },
  { "m-zhangjian", "10000006", "張簡美玲", "0966555678", 800 },
  { "m-lin", "10000007", "林美玲", "0977345678", 600 },
  { "m-latin", "10000008", "Wei Chen", "0988765432", 50 },
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = aisle_test_mkdtemp ();
  path = g_build_filename (f->dir, "cache.db", NULL);
  f->store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(AisleMember) m = aisle_member_new ();

      m->id = g_strdup (people[i].id);
      m->number = g_strdup (people[i].number);
      m->name = g_strdup (people[i].name);
      m->phone = g_strdup (people[i].phone);
      m->last_activity_at = people[i].activity;
      g_assert_true (aisle_store_upsert_member (f->store, m, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  aisle_test_rmdir (f->dir);
  g_free (f->dir);
}

/* The ids found for @query, comma-separated, in result order. */
static char *
ids (AisleStore *store,
     const char *query,
     guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = aisle_store_search_members (store, query, limit, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, <=, limit);
  for (guint i = 0; i < found->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, ((AisleMember *) found->pdata[i])->id);
    }
  return g_string_free (out, FALSE);
}

#define assert_search(store, query, expected)                 \
  G_STMT_START {                                              \
    g_autofree char *_got = ids (store, query, 20);           \
    g_assert_cmpstr (_got, ==, expected);                     \
  } G_STMT_END

static void
test_classify (void)
{
  g_assert_cmpint (aisle_member_query_classify ("0912-345-678"), ==, AISLE_MEMBER_QUERY_PHONE);
  g_assert_cmpint (aisle_member_query_classify ("+886 912 345 678"), ==, AISLE_MEMBER_QUERY_PHONE);
  g_assert_cmpint (aisle_member_query_classify (" 5678 "), ==, AISLE_MEMBER_QUERY_PHONE_SUFFIX);
  g_assert_cmpint (aisle_member_query_classify ("678"), ==, AISLE_MEMBER_QUERY_PHONE_SUFFIX);
  /* Full-width digits from a CJK input method are digits too. */
  g_assert_cmpint (aisle_member_query_classify ("５６７８"), ==, AISLE_MEMBER_QUERY_PHONE_SUFFIX);
  g_assert_cmpint (aisle_member_query_classify ("10000001"), ==, AISLE_MEMBER_QUERY_NUMBER);
  g_assert_cmpint (aisle_member_query_classify ("王"), ==, AISLE_MEMBER_QUERY_NAME);
  g_assert_cmpint (aisle_member_query_classify ("Wei"), ==, AISLE_MEMBER_QUERY_NAME);
  g_assert_cmpint (aisle_member_query_classify ("  "), ==, AISLE_MEMBER_QUERY_NONE);
}

static void
test_name_tokens (void)
{
  g_autofree char *s1 = aisle_name_surname ("王小明");
  g_autofree char *s2 = aisle_name_surname ("歐陽娜娜");
  g_autofree char *s3 = aisle_name_surname ("張簡美玲");
  g_autofree char *s4 = aisle_name_surname ("歐陽");   /* too short for a compound surname */
  g_autoptr(GPtrArray) t = aisle_name_tokens ("歐陽娜娜");
  const char *expected[] = { "歐陽", "娜娜", "歐", "歐陽娜", "歐陽娜娜" };

  g_assert_cmpstr (s1, ==, "王");
  g_assert_cmpstr (s2, ==, "歐陽");
  g_assert_cmpstr (s3, ==, "張簡");
  g_assert_cmpstr (s4, ==, "歐");
  g_assert_null (aisle_name_surname ("Wei Chen"));
  g_assert_cmpuint (t->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (t, expected[i], g_str_equal, NULL));
}

static void
test_phone (Fixture       *f,
            gconstpointer  data)
{
  /* Last 4 and last 3 digits, most recently active first. */
  assert_search (f->store, "5678", "m-zhangjian,m-lin,m-chen");
  assert_search (f->store, "678", "m-wang1,m-zhangjian,m-lin,m-chen,m-wang2");
  assert_search (f->store, "0111", "m-ouyang");
  assert_search (f->store, "9999", "");
  /* The full number in any format. */
  assert_search (f->store, "0912345678", "m-chen");
  assert_search (f->store, "0912-345-678", "m-chen");
  assert_search (f->store, "+886 912 345 678", "m-chen");
  assert_search (f->store, "886912345678", "m-chen");
  assert_search (f->store, "０９１２３４５６７８", "m-chen");
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  /* Surname alone. */
  assert_search (f->store, "王", "m-wang1,m-wang2");
  assert_search (f->store, "陳", "m-chen");
  /* Compound surnames, and their first character as a prefix. */
  assert_search (f->store, "歐陽", "m-ouyang");
  assert_search (f->store, "司馬", "m-sima");
  assert_search (f->store, "張簡", "m-zhangjian");
  assert_search (f->store, "張", "m-zhangjian");
  /* Given name, across surnames, most recent first. */
  assert_search (f->store, "小明", "m-wang1,m-chen");
  assert_search (f->store, "美玲", "m-zhangjian,m-lin");
  assert_search (f->store, "娜娜", "m-ouyang");
  assert_search (f->store, "光", "m-sima");
  /* Full name, with or without a space, and a prefix while typing. */
  assert_search (f->store, "王小明", "m-wang1");
  assert_search (f->store, "王 小明", "m-wang1");
  assert_search (f->store, "王小", "m-wang1");
  assert_search (f->store, "歐陽娜娜", "m-ouyang");
  /* Not a substring search: 明 is no one's surname or given name here. */
  assert_search (f->store, "明", "");
  assert_search (f->store, "李", "");
  /* Latin names by word, any case. */
  assert_search (f->store, "chen", "m-latin");
  assert_search (f->store, "WEI", "m-latin");
  /* Member number. */
  assert_search (f->store, "10000004", "m-ouyang");
  assert_search (f->store, "", "");
}

/* The name index holds exactly each member's current tokens at its current activity: no
 * entry left behind by a rename, a touch or a deletion, none missing. */
static void
assert_name_index_consistent (AisleStore *store)
{
  sqlite3 *db = aisle_store_get_sqlite (store);
  sqlite3_stmt *stmt = NULL;
  guint expected = 0, stored = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rid, name, last_activity_at FROM members",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) tokens = aisle_name_tokens ((const char *) sqlite3_column_text (stmt, 1));

      for (guint i = 0; i < tokens->len; i++)
        {
          sqlite3_stmt *t = NULL;

          g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM member_name_tokens "
                                               "WHERE token = ?1 AND last_activity_at = ?2 "
                                               "AND member_rid = ?3", -1, &t, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (t, 1, tokens->pdata[i], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (t, 2, sqlite3_column_int64 (stmt, 2));
          sqlite3_bind_int64 (t, 3, sqlite3_column_int64 (stmt, 0));
          g_assert_cmpint (sqlite3_step (t), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int (t, 0), ==, 1);
          sqlite3_finalize (t);
        }
      expected += tokens->len;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM member_name_tokens", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  stored = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (stored, ==, expected);
}

static void
update_member (AisleStore *store,
               const char *id,
               const char *name,
               const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) m = aisle_store_get_member (store, id, &error);

  g_assert_no_error (error);
  if (name != NULL)
    {
      g_free (m->name);
      m->name = g_strdup (name);
    }
  if (phone != NULL)
    {
      g_free (m->phone);
      m->phone = g_strdup (phone);
    }
  g_assert_true (aisle_store_upsert_member (store, m, &error));
  g_assert_no_error (error);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  assert_name_index_consistent (f->store);

  /* A new surname and given name: the old ones no longer find the member. */
  update_member (f->store, "m-wang1", "李小華", NULL);
  assert_search (f->store, "王", "m-wang2");
  assert_search (f->store, "王小明", "");
  assert_search (f->store, "小明", "m-chen");
  assert_search (f->store, "李", "m-wang1");
  assert_search (f->store, "小華", "m-wang1");
  assert_search (f->store, "李小", "m-wang1");
  assert_name_index_consistent (f->store);

  /* To a compound surname and back to a Latin name. */
  update_member (f->store, "m-lin", "歐陽美玲", NULL);
  assert_search (f->store, "歐陽", "m-ouyang,m-lin");
  assert_search (f->store, "林", "");
  assert_search (f->store, "美玲", "m-zhangjian,m-lin");
  update_member (f->store, "m-lin", "Mei-Ling Lin", NULL);
  assert_search (f->store, "歐陽", "m-ouyang");
  assert_search (f->store, "美玲", "m-zhangjian");
  assert_search (f->store, "lin", "m-lin");
  assert_name_index_consistent (f->store);

  /* Activity moves the member within every token's order and leaves no old entry. */
  g_assert_true (aisle_store_touch_member (f->store, "m-wang2", 2000, &error));
  g_assert_no_error (error);
  update_member (f->store, "m-wang1", "王小明", NULL);
  assert_search (f->store, "王", "m-wang2,m-wang1");
  assert_search (f->store, "小明", "m-wang1,m-chen");
  assert_name_index_consistent (f->store);

  /* Saving an unchanged member touches nothing. */
  update_member (f->store, "m-chen", NULL, NULL);
  assert_name_index_consistent (f->store);
}

static void
test_phone_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) by_phone = NULL;

  /* 0912345678 -> 0912000999, typed with a country code. */
  update_member (f->store, "m-chen", NULL, "+886 912 000 999");
  assert_search (f->store, "5678", "m-zhangjian,m-lin");
  assert_search (f->store, "678", "m-wang1,m-zhangjian,m-lin,m-wang2");
  assert_search (f->store, "0912345678", "");
  assert_search (f->store, "0999", "m-chen");
  assert_search (f->store, "999", "m-chen");
  assert_search (f->store, "0912000999", "m-chen");
  /* The name still finds the member. */
  assert_search (f->store, "陳", "m-chen");
  by_phone = aisle_store_get_member_by_phone (f->store, "0912-000-999", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_phone->id, ==, "m-chen");
  g_assert_cmpstr (by_phone->phone, ==, "0912000999");

  /* Two members briefly sharing a number while a change is pulled: both are found. */
  update_member (f->store, "m-lin", NULL, "0912000999");
  assert_search (f->store, "0999", "m-lin,m-chen");
  assert_name_index_consistent (f->store);
}

/* How a member leaves the cache (a pulled deletion, core/aisle-store-sync.c): its name entries
 * go, found by its name and activity alone, so the index needs no per-member key. */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) m = aisle_store_get_member (f->store, "m-wang1", &error);
  sqlite3 *db = aisle_store_get_sqlite (f->store);
  sqlite3_stmt *stmt = NULL;
  gint64 rid;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rid FROM members WHERE id = 'm-wang1'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  g_assert_true (aisle_store_begin (f->store, &error));
  g_assert_true (_aisle_store_index_member (f->store, rid, m->name, m->last_activity_at, NULL, 0,
                                            &error));
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM members WHERE id = 'm-wang1'", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_true (aisle_store_commit (f->store, &error));
  g_assert_no_error (error);

  assert_search (f->store, "王", "m-wang2");
  assert_search (f->store, "小明", "m-chen");
  assert_search (f->store, "1678", "");
  assert_name_index_consistent (f->store);

  /* A member added after it does not inherit its entries, whatever rid it gets. */
  {
    g_autoptr(AisleMember) next = aisle_member_new ();

    next->id = g_strdup ("m-new");
    next->name = g_strdup ("黃小明");
    next->last_activity_at = 1000;
    g_assert_true (aisle_store_upsert_member (f->store, next, &error));
    g_assert_no_error (error);
  }
  assert_search (f->store, "王", "m-wang2");
  assert_search (f->store, "小明", "m-new,m-chen");
  assert_name_index_consistent (f->store);
}

static void
test_order_and_limit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *two = NULL;

  /* A touch moves a member to the front. */
  g_assert_true (aisle_store_touch_member (f->store, "m-wang2", 1000, &error));
  g_assert_no_error (error);
  assert_search (f->store, "王", "m-wang2,m-wang1");
  assert_search (f->store, "678", "m-wang2,m-wang1,m-zhangjian,m-lin,m-chen");

  two = ids (f->store, "678", 2);
  g_assert_cmpstr (two, ==, "m-wang2,m-wang1");
  g_clear_pointer (&two, g_free);
  two = ids (f->store, "王", 1);
  g_assert_cmpstr (two, ==, "m-wang2");
}

/* On generated data, a common surname returns exactly the most recently active matches, as
 * computed independently from every member's name. */
static void
test_demo_ordering (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_build_filename (f->dir, "demo.db", NULL);
  g_autoptr(AisleStore) demo = aisle_store_open (path, AISLE_STORE_OPEN_BULK, &error);
  AisleDemoOptions options;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  aisle_demo_options_init (&options);
  options.n_members = 3000;
  options.n_products = 200;
  options.pin_opslimit = crypto_pwhash_OPSLIMIT_MIN;
  options.pin_memlimit = crypto_pwhash_MEMLIMIT_MIN;
  g_assert_true (aisle_demo_generate (demo, &options, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, last_activity_at FROM members "
                                       "ORDER BY last_activity_at DESC, rid", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) tokens = aisle_name_tokens ((const char *) sqlite3_column_text (stmt, 0));
      gint64 at = sqlite3_column_int64 (stmt, 1);

      if (g_ptr_array_find_with_equal_func (tokens, "陳", g_str_equal, NULL))
        g_array_append_val (expected, at);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (expected->len, >, 150);   /* about one in nine Taiwanese is a 陳 */

  found = aisle_store_search_members (demo, "陳", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 50);
  for (guint i = 0; i < found->len; i++)
    {
      AisleMember *m = found->pdata[i];

      g_assert_true (g_str_has_prefix (m->name, "陳"));
      g_assert_cmpint (m->last_activity_at, ==, g_array_index (expected, gint64, i));
    }
}

/* Every search path walks an index in activity order: no temporary B-tree sorts the match set. */
static void
test_query_plans (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < _aisle_store_n_search_sql; i++)
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", _aisle_store_search_sql[i],
                                              NULL);
      g_autoptr(GString) plan = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);
      g_test_message ("%s\n%s", _aisle_store_search_sql[i], plan->str);
      g_assert_null (strstr (plan->str, "TEMP B-TREE"));
      g_assert_null (strstr (plan->str, "SCAN"));
    }
}

static void
add_product (AisleStore *store,
             const char *id,
             const char *name,
             const char *brand,
             const char *barcode,
             gint64      popularity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleProduct) p = aisle_product_new ();
  const char *codes[] = { barcode, NULL };

  p->id = g_strdup (id);
  p->name = g_strdup (name);
  p->brand = g_strdup (brand);
  p->category = g_strdup ("飲料");
  p->barcodes = g_strdupv ((GStrv) codes);
  p->popularity = popularity;
  g_assert_true (aisle_store_upsert_product (store, p, &error));
  g_assert_no_error (error);
}

static char *
product_ids (AisleStore *store,
             const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = aisle_store_search_products (store, query, 20, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    {
      AisleProduct *p = found->pdata[i];

      g_assert_nonnull (p->barcodes);
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, p->id);
    }
  return g_string_free (out, FALSE);
}

#define assert_products(store, query, expected)               \
  G_STMT_START {                                              \
    g_autofree char *_got = product_ids (store, query);       \
    g_assert_cmpstr (_got, ==, expected);                     \
  } G_STMT_END

static void
test_products (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleProduct) by_code = NULL;

  add_product (f->store, "P1", "無糖綠茶 600ml", "統一", "4710088410010", 10);
  add_product (f->store, "P2", "茉莉綠茶 975ml", "黑松", "4710088410027", 50);
  add_product (f->store, "P3", "純濃燕麥 290ml", "統一", "4710088410034", 30);
  add_product (f->store, "P4", "Soy Sauce 1L", "Kikkoman", "4710088410041", 5);

  assert_products (f->store, "4710088410027", "P2");            /* barcode */
  assert_products (f->store, "4710088419999", "");
  assert_products (f->store, "綠茶", "P2,P1");                   /* name, best seller first */
  assert_products (f->store, "無糖綠茶", "P1");                  /* longer than two characters */
  assert_products (f->store, "統一", "P3,P1");                   /* brand */
  assert_products (f->store, "統一 綠茶", "P1");                 /* every word must match */
  assert_products (f->store, "kikko", "P4");                     /* Latin prefix, any case */
  assert_products (f->store, "SOY", "P4");
  assert_products (f->store, "P3", "P3");                        /* SKU */
  assert_products (f->store, "咖啡", "");

  by_code = aisle_store_get_product_by_barcode (f->store, "4710088410034", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_code->name, ==, "純濃燕麥 290ml");

  /* Renaming a product re-indexes it. */
  add_product (f->store, "P1", "烏龍茶 600ml", "統一", "4710088410010", 10);
  assert_products (f->store, "綠茶", "P2");
  assert_products (f->store, "烏龍", "P1");
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add ("/aisle/core/search/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/aisle/core/search/classify", test_classify);
  g_test_add_func ("/aisle/core/search/name-tokens", test_name_tokens);
  ADD ("members/phone", test_phone);
  ADD ("members/names", test_names);
  ADD ("members/order-and-limit", test_order_and_limit);
  ADD ("members/rename", test_rename);
  ADD ("members/phone-change", test_phone_change);
  ADD ("members/delete", test_delete);
  ADD ("members/demo-ordering", test_demo_ordering);
  ADD ("query-plans", test_query_plans);
  ADD ("products", test_products);

#undef ADD
  return g_test_run ();
}
