/* test-core-wedge.c: the keyboard-wedge burst detector, driven with explicit time stamps.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <string.h>

#include "aisle-test.h"
#include "aisle-wedge-detector.h"

/* What a run of keys produced: text that reached the focused widget (held keys replayed, and
 * characters passed through as the widget would insert them), and the scans. */
typedef struct
{
  GString   *typed;
  GPtrArray *scans;
  guint      n_passed_enter;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_string_free (outcome->typed, TRUE);
  g_ptr_array_unref (outcome->scans);
}

static void
apply (Outcome          *outcome,
       AisleWedgeKey     key,
       gunichar          ch,
       AisleWedgeResult *result)
{
  if (result->replay != NULL)
    g_string_append (outcome->typed, result->replay);
  if (result->early != NULL)
    g_string_append (outcome->typed, result->early);
  if (result->action == AISLE_WEDGE_ACTION_SCAN)
    {
      g_ptr_array_add (outcome->scans, g_strdup (result->scan));
      /* The glue takes the early start of a scan back out: it must be what was typed last. */
      if (result->retract != NULL)
        {
          g_assert_true (g_str_has_suffix (outcome->typed->str, result->retract));
          g_assert_true (g_str_has_prefix (result->scan, result->retract));
          g_string_truncate (outcome->typed, outcome->typed->len - strlen (result->retract));
        }
    }
  else
    g_assert_null (result->retract);
  if (result->action == AISLE_WEDGE_ACTION_PASS)
    {
      if (key == AISLE_WEDGE_KEY_CHAR)
        g_string_append_unichar (outcome->typed, ch);
      else if (key == AISLE_WEDGE_KEY_ENTER)
        outcome->n_passed_enter++;
    }
}

/* Feeds @text one character every @interval ms from @start, then @terminator (if not OTHER)
 * @interval later; then lets the timer run out. */
static void
feed_text (AisleWedgeDetector *detector,
           Outcome            *outcome,
           const char         *text,
           guint32             start,
           guint               interval,
           AisleWedgeKey       terminator)
{
  guint32 t = start;

  outcome->typed = g_string_new (NULL);
  outcome->scans = g_ptr_array_new_with_free_func (g_free);
  outcome->n_passed_enter = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      AisleWedgeResult result;
      gunichar ch = g_utf8_get_char (p);

      aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, ch, t, &result);
      apply (outcome, AISLE_WEDGE_KEY_CHAR, ch, &result);
      aisle_wedge_result_clear (&result);
      t += interval;
    }

  if (terminator != AISLE_WEDGE_KEY_OTHER)
    {
      AisleWedgeResult result;

      aisle_wedge_detector_feed (detector, terminator, 0, t, &result);
      apply (outcome, terminator, 0, &result);
      aisle_wedge_result_clear (&result);
    }

  /* The glue's timer. */
  if (aisle_wedge_detector_get_pending (detector))
    {
      g_autofree char *rest = aisle_wedge_detector_flush (detector);

      g_string_append (outcome->typed, rest);
    }
  g_assert_false (aisle_wedge_detector_get_pending (detector));
}

static void
test_burst_is_scan (void)
{
  g_autoptr(AisleWedgeDetector) detector = aisle_wedge_detector_new ();
  Outcome outcome;

  feed_text (detector, &outcome, "4710088432155", 1000, 5, AISLE_WEDGE_KEY_ENTER);
  g_assert_cmpuint (outcome.scans->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (outcome.scans, 0), ==, "4710088432155");
  g_assert_cmpstr (outcome.typed->str, ==, "");
  g_assert_cmpuint (outcome.n_passed_enter, ==, 0);
  outcome_clear (&outcome);

  /* Tab is the other suffix; the slowest default speed still counts. */
  feed_text (detector, &outcome, "M0000123", 2000, AISLE_WEDGE_DEFAULT_MAX_GAP_MS,
             AISLE_WEDGE_KEY_TAB);
  g_assert_cmpuint (outcome.scans->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (outcome.scans, 0), ==, "M0000123");
  g_assert_cmpstr (outcome.typed->str, ==, "");
  outcome_clear (&outcome);
}

static void
test_human_typing (void)
{
  g_autoptr(AisleWedgeDetector) detector = aisle_wedge_detector_new ();
  Outcome outcome;

  feed_text (detector, &outcome, "M0000123", 1000, 150, AISLE_WEDGE_KEY_ENTER);
  g_assert_cmpuint (outcome.scans->len, ==, 0);
  g_assert_cmpstr (outcome.typed->str, ==, "M0000123");
  g_assert_cmpuint (outcome.n_passed_enter, ==, 1);
  outcome_clear (&outcome);

  /* No key of a person's is kept waiting: each is shown as it is fed, and no timer is needed. */
  for (guint i = 0; i < 6; i++)
    {
      AisleWedgeResult result;
      char ch = "lin me"[i];
      char expected[2] = { ch, '\0' };

      aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, (gunichar) ch, 5000 + i * 90, &result);
      g_assert_cmpstr (result.early, ==, expected);
      g_assert_null (result.replay);
      g_assert_false (aisle_wedge_detector_get_pending (detector));
      aisle_wedge_result_clear (&result);
    }
}

static void
test_fast_typist (void)
{
  g_autoptr(AisleWedgeDetector) detector = aisle_wedge_detector_new ();
  Outcome outcome;

  /* A very fast typist: 60 ms a key, sustained. */
  feed_text (detector, &outcome, "lin meiling", 1000, 60, AISLE_WEDGE_KEY_ENTER);
  g_assert_cmpuint (outcome.scans->len, ==, 0);
  g_assert_cmpstr (outcome.typed->str, ==, "lin meiling");
  g_assert_cmpuint (outcome.n_passed_enter, ==, 1);
  outcome_clear (&outcome);

  /* A rolled pair of keys is fast, but two characters and Enter are not a code. */
  feed_text (detector, &outcome, "ok", 5000, 10, AISLE_WEDGE_KEY_ENTER);
  g_assert_cmpuint (outcome.scans->len, ==, 0);
  g_assert_cmpstr (outcome.typed->str, ==, "ok");
  g_assert_cmpuint (outcome.n_passed_enter, ==, 1);
  outcome_clear (&outcome);
}

static void
test_burst_without_enter (void)
{
  g_autoptr(AisleWedgeDetector) detector = aisle_wedge_detector_new ();
  Outcome outcome;

  /* No terminator: the timer gives the keys back as typing, in order, nothing lost. */
  feed_text (detector, &outcome, "4710088432155", 1000, 5, AISLE_WEDGE_KEY_OTHER);
  g_assert_cmpuint (outcome.scans->len, ==, 0);
  g_assert_cmpstr (outcome.typed->str, ==, "4710088432155");
  outcome_clear (&outcome);

  /* Enter long after the burst ended is the person's, not the scanner's. */
  {
    AisleWedgeResult result;

    for (guint i = 0; i < 8; i++)
      {
        aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, '0' + i, 100 + i * 5, &result);
        g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_HOLD);
        /* Only the first of the run is shown at once. */
        g_assert_cmpstr (result.early, ==, i == 0 ? "0" : NULL);
        aisle_wedge_result_clear (&result);
      }
    g_assert_cmpuint (aisle_wedge_detector_get_deadline (detector), ==,
                      135 + AISLE_WEDGE_DEFAULT_MAX_GAP_MS);
    aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_ENTER, 0, 900, &result);
    g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_PASS);
    g_assert_cmpstr (result.replay, ==, "1234567");
    g_assert_null (result.scan);
    g_assert_null (result.retract);
    aisle_wedge_result_clear (&result);
  }
}

static void
test_enter_alone (void)
{
  g_autoptr(AisleWedgeDetector) detector = aisle_wedge_detector_new ();
  AisleWedgeResult result;

  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_ENTER, 0, 1000, &result);
  g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_PASS);
  g_assert_null (result.replay);
  g_assert_null (result.scan);
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_ENTER, 0, 1003, &result);
  g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_PASS);
  g_assert_false (aisle_wedge_detector_get_pending (detector));
}

static void
test_modifiers (void)
{
  g_autoptr(AisleWedgeDetector) detector = aisle_wedge_detector_new ();
  const char *code = "AC-SPRING5X";
  AisleWedgeResult result;
  guint32 t = 1000;

  /* Scanners press Shift around each capital: the burst goes on through it. */
  for (const char *p = code; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p))
        {
          aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_MODIFIER, 0, t, &result);
          g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_PASS);
          g_assert_null (result.replay);
          t += 2;
        }
      aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, *p, t, &result);
      g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_HOLD);
      g_assert_null (result.replay);
      aisle_wedge_result_clear (&result);
      t += 4;
    }
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_ENTER, 0, t, &result);
  g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_SCAN);
  g_assert_cmpstr (result.scan, ==, code);
  g_assert_cmpstr (result.retract, ==, "A");
  aisle_wedge_result_clear (&result);

  /* A shortcut (Control+V, fed as OTHER) in the middle gives held keys back first, in order
   * (the first was shown at once). */
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, 'a', 5000, &result);
  g_assert_cmpstr (result.early, ==, "a");
  aisle_wedge_result_clear (&result);
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, 'b', 5003, &result);
  g_assert_null (result.early);
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_OTHER, 0, 5006, &result);
  g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_PASS);
  g_assert_cmpstr (result.replay, ==, "b");
  aisle_wedge_result_clear (&result);

  /* Non-ASCII (an input method's text, a Zhuyin keysym) is never held, and ends the run. */
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, 'x', 6000, &result);
  aisle_wedge_result_clear (&result);
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, 'y', 6001, &result);
  aisle_wedge_detector_feed (detector, AISLE_WEDGE_KEY_CHAR, 0x3105 /* ㄅ */, 6002, &result);
  g_assert_cmpint (result.action, ==, AISLE_WEDGE_ACTION_PASS);
  g_assert_cmpstr (result.replay, ==, "y");
  aisle_wedge_result_clear (&result);
}

static void
test_settings (void)
{
  g_autoptr(AisleWedgeDetector) detector = aisle_wedge_detector_new ();
  Outcome outcome;

  /* A slow scanner (64 ms a key) once the gap is raised. */
  aisle_wedge_detector_set_max_gap (detector, 70);
  g_assert_cmpuint (aisle_wedge_detector_get_max_gap (detector), ==, 70);
  feed_text (detector, &outcome, "/AB12+.C", 1000, 64, AISLE_WEDGE_KEY_ENTER);
  g_assert_cmpuint (outcome.scans->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (outcome.scans, 0), ==, "/AB12+.C");
  outcome_clear (&outcome);

  aisle_wedge_detector_set_min_length (detector, 10);
  g_assert_cmpuint (aisle_wedge_detector_get_min_length (detector), ==, 10);
  feed_text (detector, &outcome, "M0000123", 1000, 5, AISLE_WEDGE_KEY_ENTER);
  g_assert_cmpuint (outcome.scans->len, ==, 0);
  g_assert_cmpstr (outcome.typed->str, ==, "M0000123");
  outcome_clear (&outcome);

  /* Time stamps that wrap around 2^32 ms. */
  aisle_wedge_detector_set_min_length (detector, 4);
  feed_text (detector, &outcome, "12345678", G_MAXUINT32 - 12, 5, AISLE_WEDGE_KEY_ENTER);
  g_assert_cmpuint (outcome.scans->len, ==, 1);
  outcome_clear (&outcome);
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);

  g_test_add_func ("/aisle/core/wedge/burst-is-scan", test_burst_is_scan);
  g_test_add_func ("/aisle/core/wedge/human-typing", test_human_typing);
  g_test_add_func ("/aisle/core/wedge/fast-typist", test_fast_typist);
  g_test_add_func ("/aisle/core/wedge/burst-without-enter", test_burst_without_enter);
  g_test_add_func ("/aisle/core/wedge/enter-alone", test_enter_alone);
  g_test_add_func ("/aisle/core/wedge/modifiers", test_modifiers);
  g_test_add_func ("/aisle/core/wedge/settings", test_settings);

  return g_test_run ();
}
