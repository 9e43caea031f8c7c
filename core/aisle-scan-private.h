/* aisle-scan-private.h: helpers shared by the aisle-scan*.c files, and hooks for tests and
 * benchmarks. Not installed, not for app/ or hub/.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-scan.h"

G_BEGIN_DECLS

/* A contiguous (stride == width) grey image owned by whoever made it. */
typedef struct
{
  guint8 *data;
  guint   width;
  guint   height;
  gsize   capacity;
} AisleGray;

void      _aisle_gray_clear          (AisleGray       *gray);
void      _aisle_gray_ensure         (AisleGray       *gray,
                                      guint            width,
                                      guint            height);

/* Image filters for the extra passes (aisle-scan-filter.c). Each writes into @out, reusing its
 * buffer when it is large enough, and never reads out of @in's bounds. */
void      _aisle_gray_scale          (const AisleGray *in,
                                      AisleGray       *out,
                                      guint            width,
                                      guint            height);
void      _aisle_gray_stretch        (const AisleGray *in,
                                      AisleGray       *out);
void      _aisle_gray_sharpen        (const AisleGray *in,
                                      AisleGray       *out);
void      _aisle_gray_blur           (const AisleGray *in,
                                      AisleGray       *out);
void      _aisle_gray_threshold      (const AisleGray *in,
                                      AisleGray       *out);
void      _aisle_gray_invert         (const AisleGray *in,
                                      AisleGray       *out);
void      _aisle_gray_rotate         (const AisleGray *in,
                                      AisleGray       *out,
                                      double           degrees);
gboolean  _aisle_gray_is_flat        (const guint8    *data,
                                      guint            width,
                                      guint            height,
                                      gsize            stride);

/* A comma-separated list of passes (see aisle-scan-scanner.c) replacing the effort's own list, for
 * measuring what each pass adds. Returns FALSE and leaves the list alone on an unknown name. */
gboolean  _aisle_scanner_set_passes  (AisleScanner    *self,
                                      const char      *passes,
                                      GError         **error);
char     *_aisle_scanner_list_passes (void);
/* The zbar_image_scanner_t, for tests that check its configuration. */
gpointer  _aisle_scanner_get_zbar    (AisleScanner    *self);

AisleSymbology   _aisle_symbology_from_zbar  (int             zbar_type);
AisleScanResult *_aisle_scan_result_new_full (AisleSymbology  symbology,
                                              const guint8   *data,
                                              gsize           length,
                                              int             quality,
                                              const int      *points,
                                              guint           n_points,
                                              const char     *pass);

/* Tests only: while held, the worker thread keeps its current frame (so it stays busy) until
 * released, which makes frame dropping deterministic without timing. */
void      _aisle_scan_worker_hold    (AisleScanWorker *self,
                                      gboolean         hold);

G_END_DECLS
