/* aisle-scan.c: decode GRAY8 frames with ZBar, with extra passes where plain ZBar misses.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-scan"

#include "config.h"

#include <string.h>
#include <zbar.h>

#include "aisle-scan-private.h"

G_DEFINE_QUARK (aisle-scan-error-quark, aisle_scan_error)

struct _AisleScanResult
{
  gatomicrefcount  ref_count;
  AisleSymbology   symbology;
  GBytes          *bytes;
  int              quality;
  guint            n_points;
  int             *points;  /* x0, y0, x1, y1, ... in frame coordinates */
  const char      *pass;    /* interned: the pass that found it */
};

/* Registered by hand: G_DEFINE_BOXED_TYPE's transparent union trips -Wpedantic with GCC,
 * which -Werror builds turn into an error. */
GType
aisle_scan_result_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_boxed_type_register_static (g_intern_static_string ("AisleScanResult"),
                                               (GBoxedCopyFunc) aisle_scan_result_ref,
                                               (GBoxedFreeFunc) aisle_scan_result_unref);
      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

/* The store's symbologies. Everything else is off in the decoder (aisle-scan-scanner.c). */
static const struct
{
  AisleSymbology      symbology;
  zbar_symbol_type_t  zbar;
} symbologies[] = {
  { AISLE_SYMBOLOGY_QR, ZBAR_QRCODE },
  { AISLE_SYMBOLOGY_EAN13, ZBAR_EAN13 },
  { AISLE_SYMBOLOGY_EAN8, ZBAR_EAN8 },
  { AISLE_SYMBOLOGY_UPCA, ZBAR_UPCA },
  { AISLE_SYMBOLOGY_UPCE, ZBAR_UPCE },
  { AISLE_SYMBOLOGY_CODE128, ZBAR_CODE128 },
  { AISLE_SYMBOLOGY_CODE39, ZBAR_CODE39 },
};

AisleSymbology
_aisle_symbology_from_zbar (int type)
{
  for (guint i = 0; i < G_N_ELEMENTS (symbologies); i++)
    if ((int) symbologies[i].zbar == type)
      return symbologies[i].symbology;
  return AISLE_SYMBOLOGY_NONE;
}

/* --- AisleScanResult ------------------------------------------------------------------------ */

AisleScanResult *
_aisle_scan_result_new_full (AisleSymbology  symbology,
                             const guint8   *data,
                             gsize           length,
                             int             quality,
                             const int      *points,
                             guint           n_points,
                             const char     *pass)
{
  AisleScanResult *result = g_new0 (AisleScanResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->symbology = symbology;
  {
    /* one byte more than the GBytes says, so the data is also a C string for callers */
    guint8 *copy = g_malloc (length + 1);

    if (length > 0)
      memcpy (copy, data, length);
    copy[length] = 0;
    result->bytes = g_bytes_new_take (copy, length);
  }
  result->quality = quality;
  result->n_points = n_points;
  result->points = n_points > 0 ? g_memdup2 (points, sizeof (int) * 2 * n_points) : NULL;
  result->pass = pass;
  return result;
}

/**
 * aisle_scan_result_new:
 * @symbology: what kind of symbol carried the data
 * @data: (array length=length): the decoded bytes
 * @length: the number of bytes
 *
 * Makes a result by hand, e.g. for a keyboard-wedge scan or a test.
 *
 * Returns: (transfer full): a new result
 */
AisleScanResult *
aisle_scan_result_new (AisleSymbology  symbology,
                       const guint8   *data,
                       gsize           length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return _aisle_scan_result_new_full (symbology, data, length, 0, NULL, 0, "manual");
}

AisleScanResult *
aisle_scan_result_ref (AisleScanResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
aisle_scan_result_unref (AisleScanResult *result)
{
  g_return_if_fail (result != NULL);

  if (g_atomic_ref_count_dec (&result->ref_count))
    {
      g_bytes_unref (result->bytes);
      g_free (result->points);
      g_free (result);
    }
}

AisleSymbology
aisle_scan_result_get_symbology (const AisleScanResult *result)
{
  g_return_val_if_fail (result != NULL, AISLE_SYMBOLOGY_NONE);

  return result->symbology;
}

/**
 * aisle_scan_result_get_data:
 * @result: a result
 * @length: (out) (optional): the number of bytes
 *
 * The raw decoded bytes. QR codes come back in ZBar's binary mode, so a Big5 or Shift_JIS
 * payload is exactly what was encoded; the bytes are followed by a NUL that is not counted.
 *
 * Returns: (transfer none) (array length=length): the bytes
 */
const guint8 *
aisle_scan_result_get_data (const AisleScanResult *result,
                            gsize                 *length)
{
  g_return_val_if_fail (result != NULL, NULL);

  return g_bytes_get_data (result->bytes, length);
}

/**
 * aisle_scan_result_get_bytes:
 * @result: a result
 *
 * Returns: (transfer none): the raw decoded bytes
 */
GBytes *
aisle_scan_result_get_bytes (const AisleScanResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->bytes;
}

/* ZBar's quality: for linear codes the number of scan lines that agreed, 1 for QR. */
int
aisle_scan_result_get_quality (const AisleScanResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->quality;
}

guint
aisle_scan_result_get_n_points (const AisleScanResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->n_points;
}

/**
 * aisle_scan_result_get_point:
 * @result: a result
 * @index: which point of the symbol's outline
 * @x: (out) (optional): column in the frame
 * @y: (out) (optional): row in the frame
 *
 * Returns: %FALSE if @index is out of range
 */
gboolean
aisle_scan_result_get_point (const AisleScanResult *result,
                             guint                  index,
                             int                   *x,
                             int                   *y)
{
  g_return_val_if_fail (result != NULL, FALSE);

  if (index >= result->n_points)
    return FALSE;
  if (x != NULL)
    *x = result->points[2 * index];
  if (y != NULL)
    *y = result->points[2 * index + 1];
  return TRUE;
}

/**
 * aisle_scan_result_get_pass:
 * @result: a result
 *
 * Returns: (transfer none): the name of the decoding pass that found the symbol ("zbar" for
 *   the plain first pass), for measurements and support logs
 */
const char *
aisle_scan_result_get_pass (const AisleScanResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return result->pass;
}

gboolean
aisle_scan_result_equal (const AisleScanResult *a,
                         const AisleScanResult *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->symbology == b->symbology && g_bytes_equal (a->bytes, b->bytes);
}

/* Counts what a Shift_JIS reading of the bytes says in favour of Japanese: kana can only come
 * from lead bytes 0x82/0x83, which Big5 never uses, and a half-width voicing mark right after a
 * half-width katakana is how such text is written. */
static guint
japanese_evidence (const char *utf8)
{
  guint score = 0;
  gunichar prev = 0;

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x3040 && c <= 0x30FF)
        score++;
      else if ((c == 0xFF9E || c == 0xFF9F) && prev >= 0xFF66 && prev <= 0xFF9D)
        score++;
      prev = c;
    }
  return score;
}

static char *
convert_strict (const guint8 *data,
                gsize         length,
                const char   *charset)
{
  gsize bytes_read = 0;
  char *out = g_convert ((const char *) data, length, "UTF-8", charset, &bytes_read, NULL, NULL);

  if (out != NULL && bytes_read != length)
    g_clear_pointer (&out, g_free);
  return out;
}

/**
 * aisle_scan_bytes_to_utf8:
 * @data: (array length=length): raw bytes from a symbol
 * @length: their number
 *
 * A best guess at the text, for display and logs. Parsers that know their payload's encoding
 * (an e-invoice's flag) must decode the raw bytes themselves instead. Valid UTF-8 is taken as
 * is; otherwise Shift_JIS when it reads as Japanese, Big5 when it is valid Big5, then
 * Shift_JIS, then ISO-8859-1 (which always succeeds).
 *
 * Returns: (transfer full): UTF-8 text; NUL bytes in @data end it early
 */
char *
aisle_scan_bytes_to_utf8 (const guint8 *data,
                          gsize         length)
{
  g_autofree char *sjis = NULL;
  g_autofree char *big5 = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (g_utf8_validate_len ((const char *) data, length, NULL))
    return g_strndup ((const char *) data, length);

  /* The Windows code pages, not SHIFT_JIS and BIG5: they keep 0x5C a backslash (iconv's
   * SHIFT_JIS turns it into a yen sign, breaking the escapes in MECARD and MEBKM payloads). */
  sjis = convert_strict (data, length, "CP932");
  if (sjis != NULL && japanese_evidence (sjis) > 0)
    return g_steal_pointer (&sjis);
  big5 = convert_strict (data, length, "CP950");
  if (big5 != NULL)
    return g_steal_pointer (&big5);
  if (sjis != NULL)
    return g_steal_pointer (&sjis);
  return g_convert ((const char *) data, length, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

/**
 * aisle_scan_result_dup_text:
 * @result: a result
 *
 * Returns: (transfer full): aisle_scan_bytes_to_utf8() of the result's bytes
 */
char *
aisle_scan_result_dup_text (const AisleScanResult *result)
{
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (result != NULL, NULL);

  data = g_bytes_get_data (result->bytes, &length);
  return aisle_scan_bytes_to_utf8 (data, length);
}
