/* aisle-window-private.h: the window's instance, shared with aisle-window-tablet.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-device-keys.h"
#include "aisle-session.h"
#include "aisle-sync-status.h"
#include "aisle-sync-indicator.h"
#include "aisle-wedge.h"
#include "aisle-window.h"

G_BEGIN_DECLS

struct _AisleWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwStatusPage        *failed_page;
  AdwHeaderBar         *header_bar;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  GtkMenuButton        *menu_button;
  GtkButton            *retry_button;
  GtkButton            *scan_button;
  GtkStack             *stack;
  AisleSyncIndicator   *sync_indicator;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  /* Borrowed: the mode's pages, owned by the stack */
  GtkWidget            *home_page;
  GtkWidget            *scan_page;       /* tablet only */
  GtkWidget            *pairing_page;    /* shown while the device has no token */

  /* Owned */
  GCancellable         *cancellable;     /* cancelled when the window closes */
  AisleSyncStatus      *sync_status;
  AisleWorker          *worker;          /* NULL until the cache is open */
  AisleSyncClient      *sync_client;     /* drives sync_status; NULL until the cache is open */
  AisleWedge           *wedge;           /* the keyboard-wedge scanner, in every mode */
  char                 *cache_path;
  char                 *recovery_detail; /* why the cache was started afresh, for the dialog */
  AisleMode             mode;
  guint                 loading : 1;

  /* Tablet (aisle-window-tablet.c); NULL in kiosk mode */
  AisleSession         *session;         /* owned: who is signed in */
  GtkWidget            *signin_page;     /* borrowed, owned by the stack */
  GtkWidget            *profile_page;
  GtkWidget            *stock_page;
  GtkWidget            *back_button;     /* borrowed, in the header bar */
  AisleDeviceKeys      *keys;            /* owned; NULL until read from the cache */
  GtkWindow            *dashboard_dialog; /* weak: the PIN prompt of store performance */
  GtkWindow            *attention_dialog; /* weak: the needs-attention list, shows members */
};

/* aisle-window.c */
void     _aisle_window_show_home_page       (AisleWindow     *self);
void     _aisle_window_show_member_search   (AisleWindow     *self,
                                             const char      *query);
void     _aisle_window_explain_code         (AisleWindow     *self,
                                             AisleCode       *code,
                                             AisleScanSource  source);

/* aisle-window-tablet.c */
void     _aisle_window_tablet_add_pages     (AisleWindow     *self);
void     _aisle_window_tablet_set_worker    (AisleWindow     *self);
void     _aisle_window_tablet_paired        (AisleWindow     *self);
gboolean _aisle_window_tablet_show_home     (AisleWindow     *self);
gboolean _aisle_window_tablet_act_on_code   (AisleWindow     *self,
                                             AisleCode       *code,
                                             AisleScanSource  source);
void     _aisle_window_tablet_open_member   (AisleWindow     *self,
                                             const char      *member_id);
void     _aisle_window_tablet_dispose       (AisleWindow     *self);
void     _aisle_window_tablet_class_init    (GtkWidgetClass  *widget_class);
gboolean _aisle_window_tablet_may_show_members (AisleWindow *self);

/* aisle-window-dashboard.c */
void     _aisle_window_dashboard_open       (AisleWindow     *self);
void     _aisle_window_dashboard_clear      (AisleWindow     *self);

G_END_DECLS
