/* aisle-test-tablet.h: helpers for UI tests of the staff tablet: a demo cache with a paired
 * device's keys, and signing in through the real sign-in page.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-codes.h"
#include "aisle-window.h"

G_BEGIN_DECLS

#define AISLE_TEST_TABLET_STORE    "TPE01"
#define AISLE_TEST_TABLET_HUB_URL  "https://hub.example.com"

typedef struct
{
  guint8  hub_secret_key[AISLE_CODES_SECRET_KEY_BYTES];     /* signs member cards in tests */
  guint8  device_public_key[AISLE_CODES_PUBLIC_KEY_BYTES];  /* verifies the tablet's links */
} AisleTestTabletKeys;

/* The demo data at test size (cheapest argon2id; every PIN is 1234) at @path, with the keys
 * and store a paired tablet of TPE01 keeps in sync_state (no token: it never syncs). */
void      aisle_test_tablet_make_cache      (const char          *path,
                                             guint                members,
                                             AisleTestTabletKeys *keys);
/* Adds one staff member, S0001 (manager of TPE01, PIN 1234), to the cache at @path. */
void      aisle_test_tablet_seed_staff      (const char          *path);
/* Signs @staff_id in with @pin on the sign-in page (badge scan, then the keypad); returns
 * whether the session is signed in afterwards. */
gboolean  aisle_test_tablet_sign_in         (AisleWindow         *window,
                                             const char          *staff_id,
                                             const char          *pin);
/* For the tests written before sign-in existed: signs S0001 in if the sign-in page shows. */
void      aisle_test_tablet_sign_in_if_asked (AisleWindow        *window);
/* Presses the keypad's digits for @pin and OK, as fingers would. */
void      aisle_test_tablet_press_pin       (GtkWidget           *keypad,
                                             const char          *pin);
/* Opens the main menu and says whether an entry labelled @label shows in it. */
gboolean  aisle_test_tablet_menu_has        (AisleWindow         *window,
                                             const char          *label);
/* The store performance PIN prompt on show, or NULL. */
GtkWindow *aisle_test_tablet_pin_prompt     (void);
/* An AisleTestCondition: @window (an AisleWindow) is mapped, has opened its cache and shows
 * the sign-in page. */
gboolean  aisle_test_tablet_on_signin       (gpointer             window);
/* The first column of the first row of @sql run on the cache file at @path (NULL if none). */
char     *aisle_test_tablet_query           (const char          *path,
                                             const char          *sql);
/* Saves the window at 1280x800 as NAME.png and 800x1280 as NAME-portrait.png, once the page
 * stack's crossfade is over (the page, not the fade). */
void      aisle_test_tablet_screenshots     (AisleWindow         *window,
                                             const char          *name);
/* Activates Store Performance and types @pin on the prompt's keypad. */
void      aisle_test_tablet_enter_dashboard_pin (AisleWindow     *window,
                                                 const char      *pin);

G_END_DECLS
