/* aisle-wedge-detector.c: tell a keyboard-wedge barcode scanner's burst of keys from human typing.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first printable key of a run is given to the caller at once, as typing (@early), and
 * kept as the start of the run: a person's keys come further apart than the maximum gap, so
 * each of them is the first of its own run and reaches the entry without waiting (holding it
 * until the gap had passed cost every typed key 45-75 ms). Each following key that arrives
 * within the maximum gap is held back, because by then it may be a scanner's. The held keys are
 * released as typing (the caller inserts them where the user was typing, in order, before the
 * key that revealed it) as soon as any sign of a person shows: a gap longer than the maximum, a
 * key that is not a plain character, a terminator after too few characters, or the timer
 * running out. A burst that ends in Enter or Tab with at least the minimum length is a scan:
 * the caller takes its first character back out (@retract), and none of the others ever
 * reached the focused widget.
 *
 * Only ASCII is held: scanners send ASCII, and everything else (an input method's committed
 * text, a Zhuyin key with a non-ASCII keysym) must reach the widget untouched and at once.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-wedge-detector.h"

struct _AisleWedgeDetector
{
  GString *held;        /* the run: keys within max_gap of each other */
  gsize    n_early;     /* how many of them (the first) the caller has shown already */
  guint32  last_time;   /* event time of the run's last key, ms */
  guint    max_gap_ms;
  guint    min_length;
};

AisleWedgeDetector *
aisle_wedge_detector_new (void)
{
  AisleWedgeDetector *self = g_new0 (AisleWedgeDetector, 1);

  self->held = g_string_new (NULL);
  self->max_gap_ms = AISLE_WEDGE_DEFAULT_MAX_GAP_MS;
  self->min_length = AISLE_WEDGE_DEFAULT_MIN_LENGTH;
  return self;
}

void
aisle_wedge_detector_free (AisleWedgeDetector *self)
{
  if (self == NULL)
    return;
  g_string_free (self->held, TRUE);
  g_free (self);
}

void
aisle_wedge_detector_set_max_gap (AisleWedgeDetector *self,
                                  guint               msec)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (msec > 0);

  self->max_gap_ms = msec;
}

guint
aisle_wedge_detector_get_max_gap (AisleWedgeDetector *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_gap_ms;
}

void
aisle_wedge_detector_set_min_length (AisleWedgeDetector *self,
                                     guint               n_chars)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_chars > 0);

  self->min_length = n_chars;
}

guint
aisle_wedge_detector_get_min_length (AisleWedgeDetector *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->min_length;
}

/* Milliseconds from @earlier to @later. Event times are 32-bit and wrap after 49 days; an
 * out-of-order stamp counts as no gap rather than a huge one. */
static guint
gap_ms (guint32 earlier,
        guint32 later)
{
  gint32 gap = (gint32) (later - earlier);

  return gap > 0 ? (guint) gap : 0;
}

/**
 * aisle_wedge_detector_flush:
 * @self: the detector
 *
 * Gives up the held keys as typing: call it when the timer armed for
 * aisle_wedge_detector_get_deadline() fires, or when focus moves.
 *
 * Returns: (transfer full) (nullable): the held text, %NULL if nothing was held
 */
char *
aisle_wedge_detector_flush (AisleWedgeDetector *self)
{
  char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* The run ends; what was shown early stays where it went. */
  if (self->held->len > self->n_early)
    text = g_strndup (self->held->str + self->n_early, self->held->len - self->n_early);
  g_string_truncate (self->held, 0);
  self->n_early = 0;
  return text;
}

/* Whether keys are held back (and a timer must give them back if nothing follows). */
gboolean
aisle_wedge_detector_get_pending (AisleWedgeDetector *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->held->len > self->n_early;
}

/* The event time after which, with no further key, the held keys are typing. Only meaningful
 * while aisle_wedge_detector_get_pending(). */
guint32
aisle_wedge_detector_get_deadline (AisleWedgeDetector *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->last_time + self->max_gap_ms;
}

/**
 * aisle_wedge_detector_feed:
 * @self: the detector
 * @key: what kind of key was pressed
 * @ch: the character for %AISLE_WEDGE_KEY_CHAR, else ignored
 * @time_ms: the event's time stamp in milliseconds
 * @result: (out caller-allocates): what to do; clear it with aisle_wedge_result_clear()
 *
 * Feeds one key press (releases are not fed).
 *
 * Returns: @result->action
 */
AisleWedgeAction
aisle_wedge_detector_feed (AisleWedgeDetector *self,
                           AisleWedgeKey       key,
                           gunichar            ch,
                           guint32             time_ms,
                           AisleWedgeResult   *result)
{
  g_return_val_if_fail (self != NULL, AISLE_WEDGE_ACTION_PASS);
  g_return_val_if_fail (result != NULL, AISLE_WEDGE_ACTION_PASS);

  result->action = AISLE_WEDGE_ACTION_PASS;
  result->replay = NULL;
  result->scan = NULL;
  result->early = NULL;
  result->retract = NULL;

  switch (key)
    {
    case AISLE_WEDGE_KEY_MODIFIER:
      /* Scanners press Shift around capitals: a modifier alone neither starts nor ends a burst. */
      break;

    case AISLE_WEDGE_KEY_CHAR:
      if (ch < 0x20 || ch > 0x7e)
        {
          result->replay = aisle_wedge_detector_flush (self);
          break;
        }
      if (self->held->len > 0
          && (gap_ms (self->last_time, time_ms) > self->max_gap_ms
              || self->held->len >= AISLE_WEDGE_MAX_LENGTH))
        result->replay = aisle_wedge_detector_flush (self);
      /* The first key of a run is shown at once; the ones that follow it fast are held. */
      if (self->held->len == 0)
        {
          char first[2] = { (char) ch, '\0' };

          result->early = g_strdup (first);
          self->n_early = 1;
        }
      g_string_append_c (self->held, (char) ch);
      self->last_time = time_ms;
      result->action = AISLE_WEDGE_ACTION_HOLD;
      break;

    case AISLE_WEDGE_KEY_ENTER:
    case AISLE_WEDGE_KEY_TAB:
      if (self->held->len >= self->min_length
          && gap_ms (self->last_time, time_ms) <= self->max_gap_ms)
        {
          result->scan = g_strndup (self->held->str, self->held->len);
          if (self->n_early > 0)
            result->retract = g_strndup (self->held->str, self->n_early);
          g_string_truncate (self->held, 0);
          self->n_early = 0;
          result->action = AISLE_WEDGE_ACTION_SCAN;
        }
      else
        {
          result->replay = aisle_wedge_detector_flush (self);
        }
      break;

    case AISLE_WEDGE_KEY_OTHER:
    default:
      result->replay = aisle_wedge_detector_flush (self);
      break;
    }

  return result->action;
}

void
aisle_wedge_result_clear (AisleWedgeResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->replay, g_free);
  g_clear_pointer (&result->scan, g_free);
  g_clear_pointer (&result->early, g_free);
  g_clear_pointer (&result->retract, g_free);
}
