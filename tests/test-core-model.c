/* test-core-model.c: the plain records, enum names and phone helpers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-model"

#include "config.h"

#include <string.h>

#include "aisle-codes.h"
#include "aisle-model.h"
#include "aisle-test.h"

static void
test_phone_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "0912345678", "0912345678" },
    { "0912-345-678", "0912345678" },
    { "0912 345 678", "0912345678" },
    { "(09)12345678", "0912345678" },
    { "+886 912 345 678", "0912345678" },
    { "+886-912-345-678", "0912345678" },
    { "+8860912345678", "0912345678" },
    { "886912345678", "0912345678" },
    { "00886912345678", "0912345678" },
    { "912345678", "0912345678" },
    { "  0912.345.678 ", "0912345678" },
    { "0212345678", NULL },          /* a Taipei landline */
    { "091234567", NULL },           /* too short */
    { "09123456789", NULL },         /* too long */
    { "+1 912 345 6789", NULL },     /* another country */
    { "0912abc678", NULL },
    { "", NULL },
    { "5678", NULL },
  };

  g_assert_null (aisle_phone_normalize (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = aisle_phone_normalize (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_phone_mask (void)
{
  g_autofree char *a = aisle_phone_mask ("0912345678");
  g_autofree char *b = aisle_phone_mask ("+886 912 345 678");
  g_autofree char *c = aisle_phone_mask ("12");

  g_assert_cmpstr (a, ==, "0912***678");
  g_assert_cmpstr (b, ==, "0912***678");
  g_assert_null (strstr (c, "1"));
  g_assert_null (aisle_phone_mask (NULL));
}

static void
test_uuid (void)
{
  g_autofree char *a = aisle_uuid_new ();
  g_autofree char *b = aisle_uuid_new ();

  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpuint (strlen (a), ==, 36);
  g_assert_cmpstr (a, !=, b);
  for (const char *p = a; *p != '\0'; p++)
    g_assert_false (g_ascii_isupper (*p));
}

static void
test_enums (void)
{
  AisleChannel channel;
  AisleFulfilment fulfilment;
  AisleOrderStatus status;
  AisleStaffRole role;
  AisleReservationStatus rstatus;

  for (int i = AISLE_CHANNEL_STORE; i <= AISLE_CHANNEL_APP; i++)
    {
      g_assert_true (aisle_channel_from_string (aisle_channel_to_string (i), &channel));
      g_assert_cmpint (channel, ==, i);
    }
  for (int i = AISLE_FULFILMENT_IN_STORE; i <= AISLE_FULFILMENT_PICKUP; i++)
    {
      g_assert_true (aisle_fulfilment_from_string (aisle_fulfilment_to_string (i), &fulfilment));
      g_assert_cmpint (fulfilment, ==, i);
    }
  for (int i = AISLE_ORDER_STATUS_PLACED; i <= AISLE_ORDER_STATUS_REFUNDED; i++)
    {
      g_assert_true (aisle_order_status_from_string (aisle_order_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  for (int i = AISLE_STAFF_ROLE_ASSOCIATE; i <= AISLE_STAFF_ROLE_MANAGER; i++)
    {
      g_assert_true (aisle_staff_role_from_string (aisle_staff_role_to_string (i), &role));
      g_assert_cmpint (role, ==, i);
    }
  for (int i = AISLE_RESERVATION_OPEN; i <= AISLE_RESERVATION_EXPIRED; i++)
    {
      g_assert_true (aisle_reservation_status_from_string (aisle_reservation_status_to_string (i),
                                                           &rstatus));
      g_assert_cmpint (rstatus, ==, i);
    }

  /* The stored names are a format: pin them. */
  g_assert_cmpstr (aisle_channel_to_string (AISLE_CHANNEL_ONLINE), ==, "online");
  g_assert_cmpstr (aisle_fulfilment_to_string (AISLE_FULFILMENT_IN_STORE), ==, "in_store");
  g_assert_cmpstr (aisle_order_status_to_string (AISLE_ORDER_STATUS_CANCELLED), ==, "cancelled");
  g_assert_null (aisle_channel_to_string ((AisleChannel) 42));
  g_assert_false (aisle_channel_from_string ("shop", &channel));
  g_assert_false (aisle_channel_from_string (NULL, &channel));
}

static void
test_order_copy (void)
{
  g_autoptr(AisleOrder) order = aisle_order_new ();
  g_autoptr(AisleOrder) copy = NULL;
  AisleOrderItem *item = aisle_order_item_new ();

  order->id = g_strdup ("o1");
  order->member_id = g_strdup ("m1");
  order->channel = AISLE_CHANNEL_APP;
  order->credit_reason = g_strdup ("binding:b1");
  order->total = 12000;
  item->product_id = g_strdup ("P000001");
  item->name = g_strdup ("統一 無糖綠茶 600ml");
  item->quantity = 2;
  item->unit_price = 6000;
  g_ptr_array_add (order->items, item);

  copy = aisle_order_copy (order);
  g_assert_true (copy != order);
  g_assert_cmpstr (copy->id, ==, "o1");
  g_assert_cmpint (copy->channel, ==, AISLE_CHANNEL_APP);
  g_assert_cmpstr (copy->credit_reason, ==, "binding:b1");
  g_assert_cmpuint (copy->items->len, ==, 1);
  g_assert_true (g_ptr_array_index (copy->items, 0) != item);
  g_assert_cmpstr (((AisleOrderItem *) g_ptr_array_index (copy->items, 0))->name, ==,
                   "統一 無糖綠茶 600ml");
}

static void
test_records_copy (void)
{
  g_autoptr(AisleMember) m = aisle_member_new ();
  g_autoptr(AisleMember) mc = NULL;
  g_autoptr(AisleProduct) p = aisle_product_new ();
  g_autoptr(AisleProduct) pc = NULL;
  g_autoptr(AisleStaff) s = aisle_staff_new ();
  g_autoptr(AisleStaff) sc = NULL;
  const char *codes[] = { "4710000000001", "4710000000018", NULL };

  m->id = g_strdup ("m");
  m->name = g_strdup ("歐陽娜娜");
  m->phone = g_strdup ("0912345678");
  m->last_activity_at = 42;
  mc = aisle_member_copy (m);
  g_assert_cmpstr (mc->name, ==, "歐陽娜娜");
  g_assert_true (mc->name != m->name);
  g_assert_cmpint (mc->last_activity_at, ==, 42);

  p->id = g_strdup ("P1");
  p->barcodes = g_strdupv ((GStrv) codes);
  p->popularity = 7;
  pc = aisle_product_copy (p);
  g_assert_cmpstrv (pc->barcodes, codes);
  g_assert_cmpint (pc->popularity, ==, 7);

  g_assert_true (s->active);   /* new staff are active by default */
  s->id = g_strdup ("S0001");
  s->role = AISLE_STAFF_ROLE_MANAGER;
  sc = aisle_staff_copy (s);
  g_assert_cmpint (sc->role, ==, AISLE_STAFF_ROLE_MANAGER);

  /* Boxed types are registered and copy through GValue. */
  {
    GValue value = G_VALUE_INIT;
    AisleMember *boxed;

    g_value_init (&value, AISLE_TYPE_MEMBER);
    g_value_set_boxed (&value, m);
    boxed = g_value_get_boxed (&value);
    g_assert_true (boxed != m);
    g_assert_cmpstr (boxed->name, ==, m->name);
    g_value_unset (&value);
  }

  /* Every record frees NULL fields and NULL itself. */
  aisle_branch_free (aisle_branch_new ());
  aisle_consent_free (aisle_consent_new ());
  aisle_binding_free (aisle_binding_new ());
  aisle_stock_free (aisle_stock_new ());
  aisle_points_entry_free (aisle_points_entry_new ());
  aisle_coupon_free (aisle_coupon_new ());
  aisle_invoice_free (aisle_invoice_new ());
  aisle_reservation_free (aisle_reservation_new ());
  aisle_note_free (aisle_note_new ());
  aisle_mutation_free (aisle_mutation_new ());
  aisle_member_free (NULL);
}

/* The store's key for a barcode must be the gtin13 aisle-codes reports for the same digits,
 * or a scanned code would not find the product stored under it. */
static const struct
{
  const char *barcode;
  const char *gtin13;   /* NULL: not a valid product code */
} barcodes[] = {
  { "4006381333931", "4006381333931" },   /* EAN-13 */
  { "9780306406157", "9780306406157" },   /* ISBN as EAN-13 (Bookland) */
  { "5901234123457", "5901234123457" },   /* the GS1 EAN-13 example */
  { "4710088412348", "4710088412348" },   /* GS1 Taiwan */
  { "036000291452", "0036000291452" },    /* UPC-A */
  { "012345678905", "0012345678905" },    /* UPC-A */
  { "0036000291452", "0036000291452" },   /* UPC-A in its EAN-13 form */
  { "96385074", "0000096385074" },        /* EAN-8 */
  { "55123457", "0000055123457" },        /* the GS1 EAN-8 example */
  { "40170725", "0000040170725" },        /* EAN-8 */
  { "04252614", "0042100005264" },        /* UPC-E (not a valid EAN-8) */
  { "01234565", "0000001234565" },        /* valid as EAN-8 and as UPC-E: read as EAN-8 */
  { "4006381333932", NULL },              /* wrong check digit */
  { "036000291453", NULL },
  { "96385075", NULL },
  { "40063813339", NULL },                /* 11 digits */
  { "P0001", NULL },
  { "", NULL },
};

static void
test_barcode_gtin13 (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (barcodes); i++)
    {
      g_autofree char *key = aisle_barcode_to_gtin13 (barcodes[i].barcode);
      g_autoptr(AisleCode) code = aisle_codes_classify_text (barcodes[i].barcode, NULL);
      const AisleProductCode *product = NULL;

      g_test_message ("%s", barcodes[i].barcode);
      g_assert_cmpstr (key, ==, barcodes[i].gtin13);
      if (code != NULL && aisle_code_get_kind (code) == AISLE_CODE_KIND_PRODUCT)
        product = aisle_code_get_product (code);
      if (barcodes[i].gtin13 != NULL)
        {
          g_assert_nonnull (product);
          g_assert_true (aisle_code_is_valid (code));
          g_assert_cmpstr (product->gtin13, ==, key);
        }
      else
        g_assert_true (product == NULL || !aisle_code_is_valid (code));
    }

  /* Surrounding spaces (a typed code) do not matter; inner ones do. */
  {
    g_autofree char *key = aisle_barcode_to_gtin13 (" 036000291452\n");
    g_assert_cmpstr (key, ==, "0036000291452");
  }
  g_assert_null (aisle_barcode_to_gtin13 ("0360 00291452"));
  g_assert_null (aisle_barcode_to_gtin13 (NULL));

  /* The other reading of an ambiguous eight digits, for a second lookup. */
  {
    g_autofree char *upce = aisle_upce_to_gtin13 ("01234565");
    g_autofree char *not_upce = aisle_upce_to_gtin13 ("96385074");
    g_autofree char *ns2 = aisle_upce_to_gtin13 ("21234565");

    g_assert_cmpstr (upce, ==, "0012345000065");
    g_assert_null (not_upce);
    g_assert_null (ns2);
  }
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);

  g_test_add_func ("/aisle/core/model/phone-normalize", test_phone_normalize);
  g_test_add_func ("/aisle/core/model/phone-mask", test_phone_mask);
  g_test_add_func ("/aisle/core/model/uuid", test_uuid);
  g_test_add_func ("/aisle/core/model/enums", test_enums);
  g_test_add_func ("/aisle/core/model/order-copy", test_order_copy);
  g_test_add_func ("/aisle/core/model/records-copy", test_records_copy);
  g_test_add_func ("/aisle/core/model/barcode-gtin13", test_barcode_gtin13);

  return g_test_run ();
}
