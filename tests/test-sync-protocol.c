/* test-sync-protocol.c: the tree-less pull page reader against the json-glib one.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * aisle_protocol_pull_response_read() must read every page the tree reader reads, to the same
 * values, and refuse what is not JSON.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include "aisle-protocol.h"
#include "aisle-test.h"

/* Escapes of every kind, a surrogate pair, whitespace, keys in another order, unknown keys. */
static const char page_text[] =
  " { \"more\" : true , \"unknown\": {\"a\":[1,2,{\"b\":null}]},\n"
  "  \"last_mutation_id\":12, \"remaining\": 4321, \"cursor\":\t99,"
  "  \"changes\":[ {\"seq\":7,\"entity\":\"member\",\"id\":\"m\\u00e9\\\"1\",\"op\":\"put\","
  "  \"data\":{\"id\":\"m\\u00e9\\\"1\",\"name\":\"\\u9673\\u5927\\u6587 \\ud83d\\ude00\\n\","
  "  \"birth_month\":3,\"points\":-12,\"x\":1.5e3,\"tags\":[\"a\",\"b\"]}},"
  "  {\"op\":\"delete\",\"id\":\"c1\",\"entity\":\"coupon\",\"seq\":8,\"data\":null} ],"
  "  \"results\":[{\"id\":3,\"name\":\"coupon.redeem\",\"status\":\"rejected\","
  "  \"code\":\"not_found\",\"message\":\"no coupon \\\"X\\\"\"}] }";

static void
test_same_as_tree (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AislePullResponse) tree = aisle_protocol_pull_response_parse (page_text, -1, &error);
  g_autoptr(AislePullResponse) fast = NULL;
  g_autoptr(JsonNode) data = NULL;
  gint64 cursor = 0;
  gboolean more = FALSE;

  g_assert_no_error (error);
  fast = aisle_protocol_pull_response_read (page_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fast->cursor, ==, 99);
  g_assert_true (fast->more);
  g_assert_cmpint (fast->last_mutation_id, ==, 12);
  g_assert_cmpint (fast->remaining, ==, 4321);
  g_assert_cmpint (tree->remaining, ==, 4321);
  g_assert_cmpuint (fast->changes->len, ==, tree->changes->len);
  for (guint i = 0; i < fast->changes->len; i++)
    {
      AisleChange *a = g_ptr_array_index (fast->changes, i);
      AisleChange *b = g_ptr_array_index (tree->changes, i);

      g_assert_cmpint (a->seq, ==, b->seq);
      g_assert_cmpstr (a->entity, ==, b->entity);
      g_assert_cmpstr (a->entity_id, ==, b->entity_id);
      g_assert_cmpstr (a->op, ==, b->op);
      g_assert_null (a->data);
      g_assert_true ((a->data_json == NULL) == (b->data == NULL));
    }
  g_assert_cmpstr (((AisleChange *) fast->changes->pdata[0])->entity_id, ==, "mé\"1");
  /* The data text is the exact JSON: parsed, it equals the tree reader's object. */
  data = aisle_protocol_parse (((AisleChange *) fast->changes->pdata[0])->data_json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (data, ((AisleChange *) tree->changes->pdata[0])->data));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (data), "name"), ==,
                   "陳大文 😀\n");
  g_assert_cmpuint (fast->results->len, ==, 1);
  g_assert_cmpstr (((AisleMutationResult *) fast->results->pdata[0])->message, ==,
                   "no coupon \"X\"");

  g_assert_true (aisle_protocol_pull_response_peek (page_text, -1, &cursor, &more, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cursor, ==, 99);
  g_assert_true (more);
}

/* Written by the hub's serialiser (remaining included), read back. */
static void
test_round_trip (void)
{
  g_autoptr(AislePullResponse) page = aisle_pull_response_new ();
  g_autoptr(AislePullResponse) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AisleChange *c = aisle_change_new ();

  page->cursor = 5;
  page->last_mutation_id = 2;
  page->remaining = 0;
  c->seq = 5;
  c->entity = g_strdup ("note");
  c->entity_id = g_strdup ("n\t1");
  c->op = g_strdup (AISLE_CHANGE_PUT);
  c->data_json = g_strdup ("{\"id\":\"n\\t1\",\"text\":\"好\"}");
  g_ptr_array_add (page->changes, c);
  text = aisle_protocol_pull_response_to_string (page);
  back = aisle_protocol_pull_response_read (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->remaining, ==, 0);
  g_assert_false (back->more);
  g_assert_cmpstr (((AisleChange *) back->changes->pdata[0])->entity_id, ==, "n\t1");
  g_assert_cmpstr (((AisleChange *) back->changes->pdata[0])->data_json, ==, c->data_json);

  /* An old hub's page has no "remaining": -1, "not told". */
  g_clear_pointer (&back, aisle_pull_response_free);
  back = aisle_protocol_pull_response_read ("{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,"
                                            "\"changes\":[],\"results\":[]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->remaining, ==, -1);
}

static void
test_refuses_bad (void)
{
  const char *bad[] = {
    "",
    "[]",
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0}",                     /* no changes */
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[",          /* truncated */
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[]} x",      /* trailing */
    "{\"cursor\":\"1\",\"more\":false,\"last_mutation_id\":0,\"changes\":[]}",    /* a string */
    "{\"cursor\":1,\"more\":1,\"last_mutation_id\":0,\"changes\":[]}",
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[{\"seq\":1}]}",
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[{\"seq\":1,\"entity\":"
      "\"a\",\"id\":\"\\ud800\",\"op\":\"put\"}]}",                                  /* lone surrogate */
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[{\"seq\":1,\"entity\":"
      "\"a\",\"id\":\"x\",\"op\":\"put\",\"data\":{\"a\":}}]}",
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[],\"x\":\"\\q\"}",
    "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[],\"x\":\"\xff\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AislePullResponse) page = aisle_protocol_pull_response_read (bad[i], -1, &error);

      g_test_message ("case %u: %s", i, bad[i]);
      g_assert_null (page);
      g_assert_error (error, AISLE_ERROR, AISLE_ERROR_INVALID);
    }
}

/* Deep nesting is refused, not a stack overflow. */
static void
test_deep (void)
{
  g_autoptr(GString) text = g_string_new ("{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,"
                                          "\"changes\":[],\"x\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(AislePullResponse) page = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  page = aisle_protocol_pull_response_read (text->str, -1, &error);
  g_assert_null (page);
  g_assert_error (error, AISLE_ERROR, AISLE_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  g_test_add_func ("/aisle/sync/protocol/same-as-tree", test_same_as_tree);
  g_test_add_func ("/aisle/sync/protocol/round-trip", test_round_trip);
  g_test_add_func ("/aisle/sync/protocol/refuses-bad", test_refuses_bad);
  g_test_add_func ("/aisle/sync/protocol/deep", test_deep);
  return g_test_run ();
}
