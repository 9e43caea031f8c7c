/* fuzz-barcode.c: libFuzzer target for products, carriers, member numbers, badges and coupons
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-codes"

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  AisleCodesContext ctx = { 0 };
  AisleCode *code;

  if (size == 0)
    return 0;
  /* The first byte is the decoder's hint, the rest the payload */
  ctx.symbology = (AisleSymbology) (data[0] % 8);
  data++;
  size--;

  code = _aisle_codes_parse_product (data, size, &ctx);
  if (code != NULL)
    {
      const AisleProductCode *product = aisle_code_get_product (code);

      g_assert (product != NULL && strlen (product->gtin13) == 13);
      g_assert (product->upca == NULL || strlen (product->upca) == 12);
      fuzz_common_check (code);
      aisle_code_unref (code);
    }
  code = _aisle_codes_parse_carrier (data, size, &ctx);
  if (code != NULL)
    aisle_code_unref (code);
  code = _aisle_codes_parse_misc (data, size, &ctx);
  if (code != NULL)
    aisle_code_unref (code);
  /* Whatever a coupon body is, a code made from it must classify as a valid coupon */
  if (size < 64)
    {
      char *body = g_strndup ((const char *) data, size);
      char *coupon = aisle_codes_make_coupon_code (body, NULL);

      if (coupon != NULL)
        {
          code = aisle_codes_classify_text (coupon, NULL);
          g_assert (aisle_code_get_kind (code) == AISLE_CODE_KIND_COUPON);
          g_assert (aisle_code_is_valid (code));
          aisle_code_unref (code);
        }
      g_free (coupon);
      g_free (body);
    }
  return 0;
}
