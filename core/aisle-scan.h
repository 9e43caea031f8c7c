/* aisle-scan.h: decode barcodes and QR codes in grey camera frames (ZBar).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

/* AisleSymbology is the codes parsers' enum, so a scan result feeds aisle_codes_classify()
 * without translation. Only the type is used: the scan library does not link the parsers. */
#include "aisle-codes.h"

G_BEGIN_DECLS

#define AISLE_SCAN_ERROR (aisle_scan_error_quark ())

/**
 * AisleScanError:
 * @AISLE_SCAN_ERROR_INVALID: the frame geometry or buffer is unusable
 * @AISLE_SCAN_ERROR_FAILED: ZBar reported an internal error
 * @AISLE_SCAN_ERROR_IMAGE: an image file could not be read (aisle-scan-image.h)
 */
typedef enum
{
  AISLE_SCAN_ERROR_INVALID,
  AISLE_SCAN_ERROR_FAILED,
  AISLE_SCAN_ERROR_IMAGE,
} AisleScanError;

/**
 * AisleScanEffort:
 * @AISLE_SCAN_EFFORT_FAST: one ZBar pass, plus the inverted image when nothing was found
 * @AISLE_SCAN_EFFORT_FRAME: for live camera frames: the fast pass, then extra passes only when
 *   a cheap look at the frame says a code is probably there; an empty frame costs about one pass
 * @AISLE_SCAN_EFFORT_THOROUGH: for still images: every pass until one decodes
 */
typedef enum
{
  AISLE_SCAN_EFFORT_FAST,
  AISLE_SCAN_EFFORT_FRAME,
  AISLE_SCAN_EFFORT_THOROUGH,
} AisleScanEffort;

typedef struct _AisleScanResult  AisleScanResult;
typedef struct _AisleScanner     AisleScanner;
typedef struct _AisleScanWorker  AisleScanWorker;

#define AISLE_TYPE_SCAN_RESULT (aisle_scan_result_get_type ())

GQuark            aisle_scan_error_quark             (void);

/* AisleScanResult: one decoded symbol, immutable and reference counted (any thread). */
GType             aisle_scan_result_get_type         (void) G_GNUC_CONST;
AisleScanResult  *aisle_scan_result_new              (AisleSymbology          symbology,
                                                      const guint8           *data,
                                                      gsize                   length);
AisleScanResult  *aisle_scan_result_ref              (AisleScanResult        *result);
void              aisle_scan_result_unref            (AisleScanResult        *result);
AisleSymbology    aisle_scan_result_get_symbology    (const AisleScanResult  *result);
const guint8     *aisle_scan_result_get_data         (const AisleScanResult  *result,
                                                      gsize                  *length);
GBytes           *aisle_scan_result_get_bytes        (const AisleScanResult  *result);
int               aisle_scan_result_get_quality      (const AisleScanResult  *result);
guint             aisle_scan_result_get_n_points     (const AisleScanResult  *result);
gboolean          aisle_scan_result_get_point        (const AisleScanResult  *result,
                                                      guint                   index,
                                                      int                    *x,
                                                      int                    *y);
const char       *aisle_scan_result_get_pass         (const AisleScanResult  *result);
char             *aisle_scan_result_dup_text         (const AisleScanResult  *result);
gboolean          aisle_scan_result_equal            (const AisleScanResult  *a,
                                                      const AisleScanResult  *b);

char             *aisle_scan_bytes_to_utf8           (const guint8           *data,
                                                      gsize                   length);

/* AisleScanner: one ZBar image scanner, created once and used by one thread at a time. */
AisleScanner     *aisle_scanner_new                  (void);
void              aisle_scanner_free                 (AisleScanner           *self);
void              aisle_scanner_set_effort           (AisleScanner           *self,
                                                      AisleScanEffort         effort);
AisleScanEffort   aisle_scanner_get_effort           (AisleScanner           *self);
gboolean          aisle_scanner_is_enabled           (AisleScanner           *self,
                                                      AisleSymbology          symbology);
GPtrArray        *aisle_scanner_decode_gray8         (AisleScanner           *self,
                                                      const guint8           *data,
                                                      guint                   width,
                                                      guint                   height,
                                                      gsize                   stride,
                                                      GError                **error);

/**
 * AisleScanWorkerFunc:
 * @worker: the worker
 * @result: (transfer none): a newly seen code
 * @user_data: the data given to aisle_scan_worker_new()
 *
 * Called on the worker's main context, once per code per duplicate window.
 */
typedef void (*AisleScanWorkerFunc) (AisleScanWorker *worker,
                                     AisleScanResult *result,
                                     gpointer         user_data);

/* AisleScanWorker: one thread that owns a scanner, takes frames, drops them while busy. */
AisleScanWorker  *aisle_scan_worker_new              (GMainContext           *context,
                                                      AisleScanWorkerFunc     func,
                                                      gpointer                user_data,
                                                      GDestroyNotify          user_data_free);
void              aisle_scan_worker_free             (AisleScanWorker        *self);
void              aisle_scan_worker_set_dedup_window (AisleScanWorker        *self,
                                                      guint                   msec);
guint             aisle_scan_worker_get_dedup_window (AisleScanWorker        *self);
void              aisle_scan_worker_set_effort       (AisleScanWorker        *self,
                                                      AisleScanEffort         effort);
gboolean          aisle_scan_worker_push_frame       (AisleScanWorker        *self,
                                                      const guint8           *data,
                                                      guint                   width,
                                                      guint                   height,
                                                      gsize                   stride,
                                                      gint64                  timestamp_us,
                                                      GError                **error);
void              aisle_scan_worker_get_stats        (AisleScanWorker        *self,
                                                      guint64                *n_accepted,
                                                      guint64                *n_dropped,
                                                      guint64                *n_decoded,
                                                      guint64                *n_reported);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleScanResult, aisle_scan_result_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleScanner, aisle_scanner_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleScanWorker, aisle_scan_worker_free)

G_END_DECLS
