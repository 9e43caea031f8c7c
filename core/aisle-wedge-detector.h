/* aisle-wedge-detector.h: tell a keyboard-wedge barcode scanner's burst of keys from human typing.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure logic, no GTK and no clock of its own: the caller feeds each key press with the time the
 * input system stamped on it, and arms one timer (aisle_wedge_detector_get_deadline()) to learn
 * that a burst ended without a terminator. The app's glue is app/aisle-wedge.c.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AisleWedgeKey:
 * @AISLE_WEDGE_KEY_CHAR: a printable character without Control, Alt or Super
 * @AISLE_WEDGE_KEY_ENTER: Return, keypad Enter: what scanners send after a code
 * @AISLE_WEDGE_KEY_TAB: Tab: the other suffix scanners are configured with
 * @AISLE_WEDGE_KEY_MODIFIER: a modifier pressed alone (scanners press Shift for capitals)
 * @AISLE_WEDGE_KEY_OTHER: anything else (Backspace, arrows, a shortcut): ends any burst
 */
typedef enum
{
  AISLE_WEDGE_KEY_CHAR,
  AISLE_WEDGE_KEY_ENTER,
  AISLE_WEDGE_KEY_TAB,
  AISLE_WEDGE_KEY_MODIFIER,
  AISLE_WEDGE_KEY_OTHER,
} AisleWedgeKey;

/**
 * AisleWedgeAction:
 * @AISLE_WEDGE_ACTION_PASS: deliver this key as usual (after any replay text)
 * @AISLE_WEDGE_ACTION_HOLD: swallow this key: the detector keeps it until it knows more
 * @AISLE_WEDGE_ACTION_SCAN: swallow this key: it ended a scan (see #AisleWedgeResult.scan)
 */
typedef enum
{
  AISLE_WEDGE_ACTION_PASS,
  AISLE_WEDGE_ACTION_HOLD,
  AISLE_WEDGE_ACTION_SCAN,
} AisleWedgeAction;

/**
 * AisleWedgeResult:
 * @action: what to do with the key just fed
 * @replay: (nullable): held keys that turned out to be typing: insert this text where the
 *   user was typing *before* acting on the key just fed
 * @scan: (nullable): the scanned code, without its terminator (only with SCAN)
 * @early: (nullable): the key just fed (HOLD) starts a run: insert it now, after @replay, as
 *   typing; it stays part of the run, and comes back in @retract if the run is a scan
 * @retract: (nullable): with SCAN, the start of the scan that was given as @early: take it
 *   back out of where it was inserted
 *
 * Free the strings with aisle_wedge_result_clear().
 */
typedef struct
{
  AisleWedgeAction  action;
  char             *replay;
  char             *scan;
  char             *early;
  char             *retract;
} AisleWedgeResult;

typedef struct _AisleWedgeDetector AisleWedgeDetector;

/* Scanners send a key every 1-64 ms; people rarely type two keys in a row under 50 ms (a very
 * fast typist averages 60-100 ms). The default accepts scanners set to 40 ms or faster; raise
 * it for a slow scanner (at the cost of misreading a fast typist's short bursts). */
#define AISLE_WEDGE_DEFAULT_MAX_GAP_MS 45
/* The shortest code a store scans is 8 characters (EAN-8, a carrier); a member number is 8. */
#define AISLE_WEDGE_DEFAULT_MIN_LENGTH 4
/* A code longer than this is not a scan (a QR e-invoice through a wedge is about 200). */
#define AISLE_WEDGE_MAX_LENGTH 4096

AisleWedgeDetector *aisle_wedge_detector_new            (void);
void                aisle_wedge_detector_free           (AisleWedgeDetector *self);
void                aisle_wedge_detector_set_max_gap    (AisleWedgeDetector *self,
                                                         guint               msec);
guint               aisle_wedge_detector_get_max_gap    (AisleWedgeDetector *self);
void                aisle_wedge_detector_set_min_length (AisleWedgeDetector *self,
                                                         guint               n_chars);
guint               aisle_wedge_detector_get_min_length (AisleWedgeDetector *self);
AisleWedgeAction    aisle_wedge_detector_feed           (AisleWedgeDetector *self,
                                                         AisleWedgeKey       key,
                                                         gunichar            ch,
                                                         guint32             time_ms,
                                                         AisleWedgeResult   *result);
gboolean            aisle_wedge_detector_get_pending    (AisleWedgeDetector *self);
guint32             aisle_wedge_detector_get_deadline   (AisleWedgeDetector *self);
char               *aisle_wedge_detector_flush          (AisleWedgeDetector *self);
void                aisle_wedge_result_clear            (AisleWedgeResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleWedgeDetector, aisle_wedge_detector_free)

G_END_DECLS
