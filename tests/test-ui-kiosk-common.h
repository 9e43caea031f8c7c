/* test-ui-kiosk-common.h: the kiosk UI tests' fixture (a hub, a paired kiosk cache, the real
 * application) and the helpers that drive it as a shopper would.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-application.h"
#include "aisle-kiosk-shell.h"
#include "aisle-window.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

G_BEGIN_DECLS

#define WAIT_TIMEOUT_MS 30000
#define PRODUCT_BARCODE "4006381333931"
#define SHOPPER_NAME "張小華"
#define SHOPPER_PHONE "0987654321"

typedef struct _KioskTest KioskTest;
typedef void (*TestBody) (KioskTest *test);

struct _KioskTest
{
  Fixture           hub;
  char             *cache_path;
  AisleApplication *app;
  AisleWindow      *window;     /* weak */
  TestBody          body;
  gboolean          ran;
  char             *invoice;    /* a real e-invoice left code of one of "our" sellers */
  char             *foreign_invoice;   /* one of another seller */
  gboolean          offline;    /* the hub is down while the application runs */
  char             *pipeline;   /* the camera-pipeline setting; NULL: no camera */
};

/* Set-up: a hub with stores, staff and a product; a kiosk cache of TPE01 paired and synced. */
void             test_set_up      (KioskTest   *test,
                                   gconstpointer data);
void             test_tear_down   (KioskTest   *test,
                                   gconstpointer data);
/* Two real e-invoices of different sellers (the first made one of "ours"); FALSE: no data. */
gboolean         pick_invoices    (KioskTest   *test);
/* Runs `aisle --mode=kiosk` on the cache; @body once the window has synced (or is up, offline). */
void             run_kiosk        (KioskTest   *test,
                                   TestBody     body);

AisleKioskShell *kiosk_shell      (KioskTest   *test);
GtkWidget       *kiosk_page       (KioskTest   *test,
                                   const char  *name);
GtkWidget       *find_control     (GtkWidget   *root,
                                   const char  *label);
GtkWidget       *find_typed       (GtkWidget   *root,
                                   const char  *label,
                                   GType        type);
GtkEditable     *find_entry       (GtkWidget   *root,
                                   const char  *label);
GtkCheckButton  *find_check       (GtkWidget   *root,
                                   const char  *label);
void             click_button     (GtkWidget   *root,
                                   const char  *label);
void             wait_for_page    (KioskTest   *test,
                                   const char  *name);
void             wait_for_label   (KioskTest   *test,
                                   const char  *text);
void             wait_for_text    (KioskTest   *test,
                                   const char  *text);
void             wait_for_shown_text (KioskTest *test,
                                      const char *text);
void             scan_text        (KioskTest   *test,
                                   const char  *text);
void             leave_fullscreen (KioskTest   *test);
void             tap_digits       (GtkWidget   *root,
                                   const char  *digits);
/* Points the camera at a 320x240 frame showing the EAN-13 @digits. */
void             use_ean13_camera (KioskTest   *test,
                                   const char  *digits);
void             fill_join_form   (KioskTest   *test,
                                   const char  *name,
                                   const char  *phone);

G_END_DECLS
