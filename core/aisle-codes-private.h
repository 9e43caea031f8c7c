/* aisle-codes-private.h: shared by the aisle-codes-*.c parsers and the fuzz targets.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-codes.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  char     *value;
  gboolean  number;
} AisleCodeField;

struct _AisleCode
{
  grefcount          ref_count;
  AisleCodeKind      kind;
  GBytes            *raw;       /* the input exactly as given */
  char              *text;      /* the input as UTF-8, invalid sequences replaced */
  GPtrArray         *fields;    /* (element-type AisleCodeField) in insertion order */
  GPtrArray         *errors;    /* (element-type AisleCodeIssue) */
  GPtrArray         *warnings;  /* (element-type AisleCodeIssue) */

  /* At most one of these, matching the kind */
  AisleProductCode  *product;
  AisleEInvoice     *einvoice;
  AisleToken        *token;
};

AisleCode *_aisle_code_new           (AisleCodeKind  kind);
void       _aisle_code_add_field     (AisleCode     *self,
                                      const char    *name,
                                      const char    *value);
void       _aisle_code_add_number    (AisleCode     *self,
                                      const char    *name,
                                      gint64         value);
void       _aisle_code_add_error     (AisleCode     *self,
                                      AisleCodesError code,
                                      const char    *field,
                                      const char    *format,
                                      ...) G_GNUC_PRINTF (4, 5);
void       _aisle_code_add_warning   (AisleCode     *self,
                                      AisleCodesWarning code,
                                      const char    *field,
                                      const char    *format,
                                      ...) G_GNUC_PRINTF (4, 5);

void       _aisle_einvoice_free      (AisleEInvoice *einvoice);
void       _aisle_token_free         (AisleToken    *token);

gint64     _aisle_codes_context_now  (const AisleCodesContext *ctx);
gboolean   _aisle_codes_ensure_sodium (void);

/* Parsers. Each takes the payload (trailer already stripped), returns %NULL when the input does
 * not have its kind's shape, and otherwise a code of its kind, possibly carrying errors. None
 * reads outside [data, data + len) and none needs @data to be NUL-terminated. */
AisleCode *_aisle_codes_parse_product      (const guint8            *data,
                                            gsize                    len,
                                            const AisleCodesContext *ctx);
AisleCode *_aisle_codes_parse_einvoice     (const guint8            *data,
                                            gsize                    len,
                                            const AisleCodesContext *ctx);
AisleCode *_aisle_codes_parse_token        (const guint8            *data,
                                            gsize                    len,
                                            const AisleCodesContext *ctx);
AisleCode *_aisle_codes_parse_carrier      (const guint8            *data,
                                            gsize                    len,
                                            const AisleCodesContext *ctx);
AisleCode *_aisle_codes_parse_misc         (const guint8            *data,
                                            gsize                    len,
                                            const AisleCodesContext *ctx);

/* Token encodings, exposed for tests and the size bench */
char      *_aisle_codes_base45_encode      (const guint8 *data,
                                            gsize         len);
guint8    *_aisle_codes_base45_decode      (const char   *text,
                                            gsize         len,
                                            gsize        *out_len);
char      *_aisle_codes_base64url_encode   (const guint8 *data,
                                            gsize         len);
guint8    *_aisle_codes_base64url_decode   (const char   *text,
                                            gsize         len,
                                            gsize        *out_len);

G_END_DECLS
